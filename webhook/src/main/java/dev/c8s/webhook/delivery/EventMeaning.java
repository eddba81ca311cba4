package dev.c8s.webhook.delivery;

import dev.c8s.model.v1alpha1.PullRequest;
import java.util.List;

/**
 * What a verified delivery asks of c8s: answer a ping, build pushed branches or a pull request's
 * head, or nothing.
 */
public sealed interface EventMeaning {

  /** The provider checks that the webhook is reachable. */
  record Ping() implements EventMeaning {}

  /**
   * Commits pushed to branches; Bitbucket may report several branches in one delivery.
   *
   * @param pushes the branch updates, at least one
   * @param pusher who pushed, or null when the payload does not say
   */
  record Pushes(List<BranchPush> pushes, String pusher) implements EventMeaning {
    public Pushes {
      pushes = List.copyOf(pushes);
    }
  }

  /**
   * A pull request was opened, reopened or got new commits: build its head commit.
   *
   * @param pullRequest its number, branches and origin
   * @param headCommit the commit to build, lowercase
   * @param author who opened or updated it, or null when the payload does not say
   */
  record PullRequestChange(PullRequest pullRequest, String headCommit, String author)
      implements EventMeaning {}

  /**
   * A command in a comment on a pull request, to be carried out if its author may write to the
   * repository.
   *
   * @param command what was asked
   * @param number the pull request's number
   * @param commentId the provider's id of the comment: the same command is carried out once
   * @param author the commenter's login (GitHub, GitLab username, Bitbucket nickname)
   * @param authorId the commenter's id where the provider's access check needs it (GitLab user id,
   *     Bitbucket account uuid), else the login
   * @param change the pull request and its head when the payload says (GitLab, Bitbucket); null on
   *     GitHub, whose comment payload does not carry the head
   * @param writtenAt when the comment was written, or null when the payload does not say: an
   *     approval covers only runs that existed then
   */
  record Command(
      CommentCommand command,
      long number,
      String commentId,
      String author,
      String authorId,
      PullRequestChange change,
      java.time.Instant writtenAt)
      implements EventMeaning {}

  /** An event that starts no run, and why (a tag push, a branch deletion, another event). */
  record Ignored(String reason) implements EventMeaning {}

  /** A branch moved to {@code commit}: the branch name without {@code refs/heads/}. */
  record BranchPush(String branch, String commit) {}
}
