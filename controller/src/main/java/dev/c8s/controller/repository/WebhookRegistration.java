package dev.c8s.controller.repository;

/** What became of registering (or removing) a connection's webhook at its provider. */
public sealed interface WebhookRegistration {

  /** The provider has the webhook, as c8s wants it. */
  record Registered(String hookId) implements WebhookRegistration {}

  /** The provider no longer has it (after removal). */
  record Removed() implements WebhookRegistration {}

  /**
   * c8s did not (or could not) register it for a reason a person fixes.
   *
   * @param reason the condition's reason, a fixed word
   * @param message what to do
   */
  record NotRegistered(String reason, String message) implements WebhookRegistration {}

  /** The provider could not be asked now (unreachable, 5xx, rate limit): try again later. */
  record Retry(String message) implements WebhookRegistration {}
}
