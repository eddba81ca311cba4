package dev.c8s.controller.run;

/** What came of archiving one step's log; {@link RunStatusBuilder#log} writes it down. */
sealed interface LogResult {
  /** The step whose log this is. */
  String step();

  /**
   * The log (and the step's artifact archive, if it uploaded one) is in object storage.
   *
   * @param logUrl where the log is, or null when there was nothing to store
   * @param artifactUrl where the step's artifact archive is, or null
   */
  record Archived(String step, String logUrl, String artifactUrl) implements LogResult {}

  /** Object storage refused the log; it is retried with back-off. */
  record Deferred(String step, String error) implements LogResult {}

  /** The log can no longer be archived (its pod is gone and nothing was stored while it ran). */
  record Lost(String step, String message) implements LogResult {}
}
