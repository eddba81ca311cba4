package dev.c8s.controller.job;

import dev.c8s.model.v1alpha1.LabelValues;

/** Deterministic Job names and label values that respect Kubernetes' 63-character limit. */
public final class KubernetesNames {
  private KubernetesNames() {}

  /**
   * The Job name of a run's step: {@code <run>-<step>}, or when that is too long, a prefix of it
   * and a hash of the whole, so that distinct steps keep distinct names and a restart finds the
   * same name again.
   */
  public static String jobName(String run, String step) {
    return LabelValues.of(run + "-" + step);
  }
}
