package dev.c8s.model.schedule;

/**
 * Why a PipelineConfig's {@code Scheduled} condition is what it is: whether the runs of its last
 * tick were created.
 */
public enum ScheduleReason {
  /** The runs of the last tick were created (True). */
  RunsCreated,
  /** The schedule is waiting for its first tick (True). */
  Waiting,
  /** {@code spec.schedule.suspend} is true: no runs start (False). */
  Suspended,
  /** The tick's {@code startingDeadlineSeconds} passed before its runs could start (False). */
  MissedDeadline,
  /** No RepositoryConnection of the repository names credentials to read the branch (False). */
  NoConnection,
  /** The connection's {@code authSecretRef} Secret is missing or holds no token (False). */
  NoCredentials,
  /** The provider says the branch does not exist (False). */
  BranchNotFound,
  /** The provider refused the token (False); a person must fix the token or its scopes. */
  ForgeRefused,
  /** The provider or the API server could not be reached; the tick is tried again (False). */
  Retrying,
  /** The schedule is invalid (admission was bypassed); the message says how (False). */
  InvalidSchedule;

  /** The condition type these reasons belong to. */
  public static final String CONDITION = "Scheduled";
}
