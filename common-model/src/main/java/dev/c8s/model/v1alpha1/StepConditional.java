package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** When a step runs: only on some branches, or also after an upstream failure. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepConditional {

  /** Glob the run's branch must match for the step to run; otherwise it is skipped. */
  @JsonPropertyDescription("Execute only on matching branch pattern")
  private String branch;

  /** If false, the step runs even when a dependency failed (a cleanup step). */
  @Default("true")
  @JsonPropertyDescription(
      "Execute only if previous steps succeeded; false runs the step even after a failure")
  private Boolean onSuccess;

  public StepConditional() {}

  public StepConditional(String branch, Boolean onSuccess) {
    this.branch = branch;
    this.onSuccess = onSuccess;
  }

  public String getBranch() {
    return branch;
  }

  public void setBranch(String branch) {
    this.branch = branch;
  }

  public Boolean getOnSuccess() {
    return onSuccess;
  }

  public void setOnSuccess(Boolean onSuccess) {
    this.onSuccess = onSuccess;
  }
}
