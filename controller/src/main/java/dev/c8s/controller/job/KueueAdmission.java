package dev.c8s.controller.job;

import dev.c8s.model.v1alpha1.Kueue;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A step Job handed to Kueue: created suspended with its LocalQueue's label, so it never starts
 * before Kueue admits it; c8s never unsuspends it itself.
 */
public final class KueueAdmission {
  private KueueAdmission() {}

  /** {@code job}, suspended in {@code kueue}'s queue; unchanged when {@code kueue} is null. */
  public static Job queue(Job job, Kueue kueue) {
    if (kueue == null || kueue.getQueueName() == null) {
      return job;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (job.getMetadata().getLabels() != null) {
      labels.putAll(job.getMetadata().getLabels());
    }
    labels.put(Kueue.QUEUE_LABEL, kueue.getQueueName());
    job.getMetadata().setLabels(labels);
    job.getSpec().setSuspend(true);
    return job;
  }

  /** Whether {@code job} is in a Kueue queue. */
  public static boolean queued(Job job) {
    return job.getMetadata().getLabels() != null
        && job.getMetadata().getLabels().containsKey(Kueue.QUEUE_LABEL);
  }

  /** Whether {@code job} still waits for Kueue to admit it. */
  public static boolean awaitingAdmission(Job job) {
    return queued(job) && Boolean.TRUE.equals(job.getSpec().getSuspend());
  }
}
