package dev.c8s.model.engine;

/** Why a step is in its phase; written to {@code status.steps[].reason}. */
public enum StepReason {
  /** The step's dependencies are not finished yet. */
  WaitingForDependencies,
  /** The step does not fit the namespace's ResourceQuota right now; it starts when room appears. */
  WaitingForQuota,
  /** The step's Job was created and its pod runs. */
  Started,
  /**
   * The step's Job waits, suspended, for Kueue to admit it ({@code spec.kueue}); its timeout counts
   * from admission.
   */
  WaitingForAdmission,
  /** The step's container exited 0. */
  Completed,
  /**
   * The step succeeded in the run this one resumes ({@code spec.resumeFrom}) and was not run again.
   */
  Reused,
  /** The step's container exited non-zero or its pod failed. */
  Error,
  /**
   * The API server refused the step's Job for good (invalid, or denied by an admission policy); the
   * message holds its answer.
   */
  JobRejected,
  /** The step's Job was deleted (by a person or another controller) before the step finished. */
  JobDeleted,
  /**
   * A container image of the step cannot be pulled (no such image, no access, invalid name); the
   * message holds the container runtime's answer. Decided as soon as the kubelet backs off from
   * pulling, instead of waiting until a timeout.
   */
  ImagePullFailed,
  /**
   * The kubelet cannot create a container of the step from its spec (a referenced Secret or key is
   * missing, for example); the message holds the kubelet's answer.
   */
  ContainerConfigError,
  /** The repository could not be checked out or upstream artifacts not unpacked. */
  PreparationFailed,
  /** The step ran longer than its {@code timeout}. */
  StepTimedOut,
  /** A dependency failed, so this step (with {@code onSuccess: true}) did not run. */
  DependencyFailed,
  /** The run's branch does not match the step's {@code conditional.branch}. */
  BranchConditionNotMet,
  /** The run was cancelled before or while the step ran. */
  RunCancelled,
  /** The pipeline's {@code timeout} passed before or while the step ran. */
  PipelineTimedOut
}
