package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.time.Instant;

/** A Kubernetes-style status condition with a typed reason. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {

  /** Condition type, for example {@code Succeeded} or {@code JobsCreated}. */
  @Required
  @JsonPropertyDescription("Condition type")
  private String type;

  /** True, False or Unknown. */
  @Required
  @JsonPropertyDescription("Condition status: True, False or Unknown")
  private ConditionStatus status;

  /** Machine-readable CamelCase reason for the last transition. */
  @JsonPropertyDescription("Machine-readable reason for the condition's last transition")
  private String reason;

  /** Human-readable explanation of the last transition. */
  @JsonPropertyDescription("Human-readable message explaining the condition")
  private String message;

  /** When the status last changed. */
  @JsonPropertyDescription("Last time the condition's status changed")
  private Instant lastTransitionTime;

  /** The metadata.generation this condition was computed from. */
  @JsonPropertyDescription("metadata.generation the condition was computed from")
  private Long observedGeneration;

  public Condition() {}

  public Condition(String type, ConditionStatus status, String reason, String message) {
    this.type = type;
    this.status = status;
    this.reason = reason;
    this.message = message;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public ConditionStatus getStatus() {
    return status;
  }

  public void setStatus(ConditionStatus status) {
    this.status = status;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public Instant getLastTransitionTime() {
    return lastTransitionTime;
  }

  public void setLastTransitionTime(Instant lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }
}
