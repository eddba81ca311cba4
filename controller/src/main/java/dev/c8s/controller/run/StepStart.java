package dev.c8s.controller.run;

import java.time.Instant;

/** What came of starting a step: its Job exists, it waits for quota, or the API refused the Job. */
sealed interface StepStart {
  /**
   * The Job was created (or already existed for this run).
   *
   * @param jobCreated the Job's creation time as the API server recorded it, or null if unknown:
   *     the step's start, so the next pass, reading it off the cached Job, finds nothing to change
   *     (outside Kueue, where the step starts again at its admission)
   */
  record Started(Instant jobCreated) implements StepStart {}

  /** The step does not fit the namespace's ResourceQuota now; {@code shortage} says what lacks. */
  record WaitingForQuota(String shortage) implements StepStart {}

  /**
   * The API server refused the Job for good (invalid, or denied by an admission policy): retrying
   * cannot help, so the step fails with the server's answer.
   */
  record Rejected(String answer) implements StepStart {}
}
