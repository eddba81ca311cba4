package dev.c8s.model.engine;

/** Why a run is in its phase; the reason of its {@code Succeeded} condition. */
public enum RunReason {
  /** The run is waiting for its first step to start. */
  Pending,
  /**
   * The run is held until someone approves it ({@code spec.approvedBy}): a pull request from a
   * fork, waiting for /ok-to-test from a user with write access.
   */
  AwaitingApproval,
  /**
   * The run waits for a slot under its pipeline's {@code concurrency} limit; {@code
   * status.queuePosition} says where it stands.
   */
  Queued,
  /** At least one step runs or is about to start. */
  Running,
  /** Every step succeeded or was skipped by a branch condition. */
  AllStepsSucceeded,
  /** At least one step failed; the message names it. */
  StepFailed,
  /** The pipeline's {@code timeout} passed; running steps were stopped. */
  PipelineTimedOut,
  /** {@code spec.cancelRequested} was set; running steps were stopped. */
  Cancelled,
  /**
   * A newer run of the same branch or pull request (policy {@code CancelInProgress}) took its
   * place; running steps were stopped.
   */
  Superseded,
  /** The PipelineConfig named by {@code spec.pipelineConfigRef} does not exist. */
  PipelineConfigNotFound,
  /** The pipeline spec the run snapshotted is invalid; the message lists the problems. */
  InvalidPipeline,
  /**
   * The run named by {@code spec.resumeFrom} cannot be resumed (missing, unfinished, succeeded,
   * another pipeline or commit, or its artifacts expired); the message says which and what to do.
   */
  CannotResume
}
