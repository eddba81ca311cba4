package dev.c8s.model.v1alpha1;

/**
 * The {@code LogsArchived} condition of a PipelineRun: whether every finished step's log is in
 * object storage. Logs are archived after their step ends, so a run can end before its logs are in.
 */
public final class LogsArchived {
  /** The condition's type. */
  public static final String TYPE = "LogsArchived";

  /** Unknown: finished steps' logs are being archived. */
  public static final String ARCHIVING = "Archiving";

  /** False: object storage refuses a log; it is retried with back-off. */
  public static final String STORAGE_UNAVAILABLE = "ObjectStorageUnavailable";

  /** False: a log can no longer be archived (its pod is gone and nothing was stored). */
  public static final String LOGS_LOST = "LogsLost";

  /** True: every finished step's log that had anything to store is archived. */
  public static final String ARCHIVED = "Archived";

  private LogsArchived() {}

  /**
   * Whether logs of {@code status}'s finished steps are still to come (being archived or retried).
   */
  public static boolean pending(PipelineRunStatus status) {
    return status != null
        && status.getConditions() != null
        && status.getConditions().stream()
            .anyMatch(
                c ->
                    TYPE.equals(c.getType())
                        && ((c.getStatus() == ConditionStatus.FALSE
                                && STORAGE_UNAVAILABLE.equals(c.getReason()))
                            || (c.getStatus() == ConditionStatus.UNKNOWN
                                && ARCHIVING.equals(c.getReason()))));
  }

  /** Whether {@code run} has ended and no log of it is still to come. */
  public static boolean endedWithLogs(PipelineRun run) {
    return run != null
        && run.getStatus() != null
        && run.getStatus().getPhase() != null
        && run.getStatus().getPhase().isTerminal()
        && !pending(run.getStatus());
  }
}
