package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Admission of the pipeline's step Jobs by Kueue (kueue.x-k8s.io), when the cluster runs it. */
@JsonClassDescription(
    "Lets Kueue admit the step Jobs: they are created suspended in the given LocalQueue and start"
        + " when Kueue admits them under its quotas")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Kueue {
  /** The label Kueue reads a Job's LocalQueue from. */
  public static final String QUEUE_LABEL = "kueue.x-k8s.io/queue-name";

  /** Kueue LocalQueue in the pipeline's namespace. */
  @Required
  @JsonPropertyDescription("Name of a Kueue LocalQueue in the PipelineConfig's namespace")
  private String queueName;

  public String getQueueName() {
    return queueName;
  }

  public void setQueueName(String queueName) {
    this.queueName = queueName;
  }
}
