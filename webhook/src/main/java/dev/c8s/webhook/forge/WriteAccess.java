package dev.c8s.webhook.forge;

/** Whether a provider says a user may write to a repository, or why it could not be told. */
public sealed interface WriteAccess {

  /** The user may write (push, merge); {@code role} is the provider's word for it. */
  record Granted(String role) implements WriteAccess {}

  /** The user may not write; {@code why} says what the provider answered. */
  record Denied(String why) implements WriteAccess {}

  /**
   * The provider gave no answer to decide on.
   *
   * @param why what went wrong, for people
   * @param retry whether asking again later may work (unreachable, 5xx, rate limit), rather than a
   *     token that lacks a scope
   */
  record Unknown(String why, boolean retry) implements WriteAccess {}
}
