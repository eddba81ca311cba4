package dev.c8s.webhook.delivery;

import dev.c8s.model.forge.ForgeCredentials;
import dev.c8s.model.forge.ForgeRepository;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.PullRequest;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.webhook.delivery.EventMeaning.PullRequestChange;
import dev.c8s.webhook.forge.ForgeAccess;
import dev.c8s.webhook.forge.WriteAccess;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Whether a pull request from the repository itself may be trusted like a branch. On GitHub, GitLab
 * and Bitbucket only a writer can put commits on the repository's branches; on Gitea and Forgejo a
 * reader may open one from the repository itself (AGit), so its author's write access is asked, and
 * without an answer it counts as a fork's.
 */
@ApplicationScoped
public class PullRequestTrust {
  private static final Logger LOG = Logger.getLogger(PullRequestTrust.class);
  private final ForgeAccess forge;
  private final ConnectionTokens tokens;

  public PullRequestTrust(ForgeAccess forge, ConnectionTokens tokens) {
    this.forge = forge;
    this.tokens = tokens;
  }

  /** {@code change} as {@code connection} must treat it. */
  public PullRequestChange check(RepositoryConnection connection, PullRequestChange change) {
    PullRequest pr = change.pullRequest();
    if (connection.getSpec().getProvider() != GitProvider.GITEA || pr.fromFork()) {
      return change;
    }
    ForgeCredentials credentials = tokens.of(connection);
    WriteAccess access =
        credentials == null || change.author() == null
            ? new WriteAccess.Unknown("no token to ask with", false)
            : forge.writeAccess(
                ForgeRepository.of(connection.getSpec()), credentials, change.author());
    if (access instanceof WriteAccess.Granted) {
      return change;
    }
    LOG.infof(
        "pull request #%d by %s is treated as a fork's: %s",
        pr.getNumber(), change.author(), access);
    PullRequest untrusted = new PullRequest();
    untrusted.setNumber(pr.getNumber());
    untrusted.setBaseBranch(pr.getBaseBranch());
    untrusted.setHeadBranch(pr.getHeadBranch());
    untrusted.setHeadRepository(pr.getHeadRepository());
    untrusted.setFetchRef(pr.getFetchRef());
    untrusted.setUrl(pr.getUrl());
    untrusted.setFork(true);
    return new PullRequestChange(untrusted, change.headCommit(), change.author());
  }
}
