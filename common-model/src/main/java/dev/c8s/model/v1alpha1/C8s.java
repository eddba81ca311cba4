package dev.c8s.model.v1alpha1;

/** API group, version and the label keys c8s puts on the objects it manages. */
public final class C8s {
  /** The API group of every c8s custom resource. */
  public static final String GROUP = "c8s.dev";

  /** The served and stored version of every c8s custom resource. */
  public static final String VERSION = "v1alpha1";

  /** {@code apiVersion} of c8s resources. */
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** Label on a Job naming the PipelineRun it belongs to. */
  public static final String LABEL_PIPELINE_RUN = GROUP + "/pipeline-run";

  /** Label on a Job naming the step it executes. */
  public static final String LABEL_STEP = GROUP + "/step";

  /** Label on a Job or run naming the PipelineConfig it came from. */
  public static final String LABEL_PIPELINE_CONFIG = GROUP + "/pipeline-config";

  /** Label on a pull request's runs: its number, to find them again (/retest, /cancel). */
  public static final String LABEL_PULL_REQUEST = GROUP + "/pull-request";

  /**
   * Label on a run holding its phase ({@code Pending} before the controller's first status), kept
   * by the controller so runs can be listed by phase with a label selector.
   */
  public static final String LABEL_PHASE = GROUP + "/phase";

  /** Annotation on a scheduled run: the tick it was created for (RFC 3339). */
  public static final String ANNOTATION_SCHEDULED_AT = GROUP + "/scheduled-at";

  /** {@code spec.triggeredBy} of a scheduled run. */
  public static final String TRIGGERED_BY_SCHEDULE = "schedule";

  /** Standard label marking objects managed by c8s. */
  public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";

  /** Value of {@link #LABEL_MANAGED_BY}. */
  public static final String MANAGED_BY = "c8s";

  private C8s() {}
}
