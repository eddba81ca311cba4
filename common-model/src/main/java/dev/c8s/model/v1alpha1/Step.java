package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** One step of a pipeline: a container image and the shell commands it runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Step {

  /** Step identifier, unique within the pipeline (a DNS-1123 label). */
  @Required
  @Pattern(Patterns.STEP_NAME)
  @JsonPropertyDescription("Step identifier (must be unique)")
  private String name;

  /** Container image the step runs in; may reference matrix values as ${name}. */
  @Required
  @JsonPropertyDescription("Container image for step execution")
  private String image;

  /** Shell commands run one after another with {@code sh -e}. */
  @Required
  @JsonPropertyDescription("Shell commands to execute")
  private List<String> commands;

  /** Names of steps that must complete before this step starts. */
  @JsonPropertyDescription("Step names that must complete before this step")
  private List<String> dependsOn;

  /** CPU and memory for the step's container (requests and limits). */
  @JsonPropertyDescription("CPU/memory requests and limits")
  private StepResources resources;

  /** Step timeout, for example {@code 30m} or {@code 2h}. */
  @Pattern(Patterns.DURATION)
  @Default("30m")
  @JsonPropertyDescription("Step timeout (e.g., \"30m\", \"2h\")")
  private String timeout;

  /** Workspace file patterns uploaded to artifact storage after the step. */
  @JsonPropertyDescription("File patterns to upload to artifact storage")
  private List<String> artifacts;

  /** Secret keys injected into the step as environment variables. */
  @JsonPropertyDescription("Secret references to inject as env vars")
  private List<StepSecret> secrets;

  /** Conditions under which the step runs. */
  @JsonPropertyDescription("Conditions for step execution")
  private StepConditional conditional;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public List<String> getCommands() {
    return commands;
  }

  public void setCommands(List<String> commands) {
    this.commands = commands;
  }

  public List<String> getDependsOn() {
    return dependsOn;
  }

  public void setDependsOn(List<String> dependsOn) {
    this.dependsOn = dependsOn;
  }

  public StepResources getResources() {
    return resources;
  }

  public void setResources(StepResources resources) {
    this.resources = resources;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }

  public List<String> getArtifacts() {
    return artifacts;
  }

  public void setArtifacts(List<String> artifacts) {
    this.artifacts = artifacts;
  }

  public List<StepSecret> getSecrets() {
    return secrets;
  }

  public void setSecrets(List<StepSecret> secrets) {
    this.secrets = secrets;
  }

  public StepConditional getConditional() {
    return conditional;
  }

  public void setConditional(StepConditional conditional) {
    this.conditional = conditional;
  }
}
