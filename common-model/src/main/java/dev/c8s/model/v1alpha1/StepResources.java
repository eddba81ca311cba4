package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** CPU and memory of a step; used as both request and limit of its container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepResources {

  /** CPU in whole cores or millicores, for example {@code 500m} or {@code 2}. */
  @Pattern(Patterns.CPU)
  @Default("500m")
  @JsonPropertyDescription("CPU in cores or millicores (e.g. \"500m\", \"2\")")
  private String cpu;

  /** Memory in Mi or Gi, for example {@code 512Mi} or {@code 2Gi}. */
  @Pattern(Patterns.MEMORY)
  @Default("1Gi")
  @JsonPropertyDescription("Memory in Mi or Gi (e.g. \"512Mi\", \"2Gi\")")
  private String memory;

  public StepResources() {}

  public StepResources(String cpu, String memory) {
    this.cpu = cpu;
    this.memory = memory;
  }

  public String getCpu() {
    return cpu;
  }

  public void setCpu(String cpu) {
    this.cpu = cpu;
  }

  public String getMemory() {
    return memory;
  }

  public void setMemory(String memory) {
    this.memory = memory;
  }
}
