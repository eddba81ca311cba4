package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Status of a condition, serialised as the Kubernetes strings "True", "False", "Unknown". */
public enum ConditionStatus {
  @JsonProperty("True")
  TRUE,
  @JsonProperty("False")
  FALSE,
  @JsonProperty("Unknown")
  UNKNOWN
}
