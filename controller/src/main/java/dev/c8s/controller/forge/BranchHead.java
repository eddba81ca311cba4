package dev.c8s.controller.forge;

import dev.c8s.model.schedule.ScheduleReason;

/** What a provider said about a branch's head commit. */
public sealed interface BranchHead {

  /** The branch's head is {@code commit}. */
  record Found(String commit) implements BranchHead {}

  /**
   * No head for a reason only a person can fix ({@code reason}: the branch, the token).
   *
   * @param message what is wrong and what to do
   */
  record Refused(ScheduleReason reason, String message) implements BranchHead {}

  /** The provider could not answer now; ask again later. */
  record Unavailable(String message) implements BranchHead {}
}
