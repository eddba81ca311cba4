package dev.c8s.webhook.delivery;

import dev.c8s.model.v1alpha1.ForkPolicy;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PullRequest;
import dev.c8s.model.v1alpha1.PullRequestPolicy;
import dev.c8s.model.v1alpha1.RepositoryConnection;

/** Applies a connection's pull request policy to the runs of a pull request; no I/O. */
final class ForkSafety {
  private ForkSafety() {}

  /** Why the connection builds no pull requests, or null when it does. */
  static String refusal(RepositoryConnection connection, PullRequest pr) {
    if (PullRequestPolicy.builds(connection.getSpec().getPullRequests())) {
      return null;
    }
    return "RepositoryConnection "
        + connection.getMetadata().getNamespace()
        + "/"
        + connection.getMetadata().getName()
        + " builds no pull requests (spec.pullRequests.enabled is false): pull request #"
        + pr.getNumber()
        + " starts nothing";
  }

  /**
   * Marks {@code run} of a fork's pull request as the connection's policy says: held for approval,
   * or without secrets. Runs of the repository's own branches are left as they are.
   */
  static void apply(RepositoryConnection connection, PipelineRun run) {
    PullRequest pr = run.getSpec().getPullRequest();
    if (pr == null || !pr.fromFork()) {
      return;
    }
    ForkPolicy policy = PullRequestPolicy.forksOf(connection.getSpec().getPullRequests());
    switch (policy) {
      case ApprovalRequired -> run.getSpec().setApprovalRequired(true);
      case WithoutSecrets -> run.getSpec().setWithoutSecrets(true);
      case Trusted -> {}
    }
  }
}
