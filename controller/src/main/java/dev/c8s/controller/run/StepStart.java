package dev.c8s.controller.run;

/** What came of starting a step: its Job exists, it waits for quota, or the API refused the Job. */
sealed interface StepStart {
  /** The Job was created (or already existed for this run). */
  record Started() implements StepStart {}

  /** The step does not fit the namespace's ResourceQuota now; {@code shortage} says what lacks. */
  record WaitingForQuota(String shortage) implements StepStart {}

  /**
   * The API server refused the Job for good (invalid, or denied by an admission policy): retrying
   * cannot help, so the step fails with the server's answer.
   */
  record Rejected(String answer) implements StepStart {}
}
