package dev.c8s.controller.forge;

import java.time.Instant;

/** What a provider's answer to a commit status means for c8s. */
public sealed interface ForgeAnswer {

  /** The provider shows the state (or already did). */
  record Accepted() implements ForgeAnswer {}

  /**
   * Try again, not before {@code notBefore} when the provider said when (a rate limit), else after
   * the usual back-off.
   *
   * @param rateLimited whether the provider's rate limit refused it: every request to that API
   *     waits
   */
  record Retry(String message, Instant notBefore, boolean rateLimited) implements ForgeAnswer {}

  /** Refused for a reason only a person can fix (the token, the repository, the commit). */
  record Refused(String message) implements ForgeAnswer {}
}
