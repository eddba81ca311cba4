package dev.c8s.webhook.delivery;

import dev.c8s.model.forge.ForgeCredentials;
import dev.c8s.model.forge.ForgeRepository;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.webhook.delivery.EventMeaning.Command;
import dev.c8s.webhook.delivery.EventMeaning.PullRequestChange;
import dev.c8s.webhook.forge.ForgeAccess;
import dev.c8s.webhook.forge.WriteAccess;
import dev.c8s.webhook.metrics.WebhookMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Carries out a pull request comment's command for each connection that verified the delivery, once
 * the provider confirms that the commenter may write to the repository.
 */
@ApplicationScoped
public class CommandProcessor {
  /** Annotation on a run a command started: the comment's id. */
  public static final String COMMENT_ANNOTATION = C8s.GROUP + "/comment-id";

  private static final Logger LOG = Logger.getLogger(CommandProcessor.class);
  private final ForgeAccess forge;
  private final PushProcessor pushes;
  private final PullRequestRuns runs;
  private final WebhookMetrics metrics;
  private final ConnectionTokens tokens;
  private final PullRequestTrust trust;

  public CommandProcessor(
      ForgeAccess forge,
      PushProcessor pushes,
      PullRequestRuns runs,
      WebhookMetrics metrics,
      ConnectionTokens tokens,
      PullRequestTrust trust) {
    this.tokens = tokens;
    this.trust = trust;
    this.forge = forge;
    this.pushes = pushes;
    this.runs = runs;
    this.metrics = metrics;
  }

  /** What the command did: runs created or changed, and why connections did nothing. */
  public record Outcome(PushProcessor.Result result, List<RunRef> changed, String done) {}

  /**
   * Carries out {@code command} for each of {@code connections}.
   *
   * @throws MalformedPayloadException when the pull request cannot become a valid run
   */
  public Outcome process(
      List<RepositoryConnection> connections,
      Command command,
      String deliveryId,
      String provider,
      Instant now)
      throws MalformedPayloadException {
    List<String> skipped = new ArrayList<>();
    List<String> unavailable = new ArrayList<>();
    List<RunRef> created = new ArrayList<>();
    List<RunRef> changed = new ArrayList<>();
    int createdCount = 0;
    String word = command.command().word();
    for (RepositoryConnection connection : connections) {
      String where =
          connection.getMetadata().getNamespace() + "/" + connection.getMetadata().getName();
      ForgeRepository repository = ForgeRepository.of(connection.getSpec());
      ForgeCredentials credentials = tokens.of(connection);
      if (credentials == null) {
        skipped.add(
            "RepositoryConnection "
                + where
                + " has no authSecretRef Secret with a token, so c8s cannot check that "
                + command.author()
                + " may "
                + word
                + "; give it one (docs/pull-requests.md)");
        metrics.command(provider, word, "unchecked");
        continue;
      }
      WriteAccess access = forge.writeAccess(repository, credentials, command.authorId());
      if (access instanceof WriteAccess.Denied denied) {
        LOG.infof(
            "%s by %s on pull request #%d of %s ignored: no write access (%s)",
            word, command.author(), command.number(), repository.path(), denied.why());
        metrics.command(provider, word, "denied");
        skipped.add(
            command.author()
                + " has no write access to "
                + repository.path()
                + ": "
                + word
                + " ignored");
        continue;
      }
      if (access instanceof WriteAccess.Unknown unknown) {
        metrics.command(provider, word, "unchecked");
        (unknown.retry() ? unavailable : skipped).add(word + " not carried out: " + unknown.why());
        continue;
      }
      metrics.command(provider, word, "accepted");
      if (command.command() == CommentCommand.CANCEL) {
        changed.addAll(runs.cancel(connection, command.number()));
        continue;
      }
      Optional<PullRequestChange> change =
          change(command, repository, credentials, unavailable, skipped);
      if (change.isEmpty()) {
        continue;
      }
      String head = change.get().headCommit();
      if (command.command() == CommentCommand.OK_TO_TEST) {
        Instant writtenAt = command.writtenAt() == null ? now : command.writtenAt();
        List<RunRef> approved =
            runs.approve(connection, command.number(), head, command.author(), writtenAt);
        changed.addAll(approved);
        if (!approved.isEmpty()) {
          continue;
        }
        if (runs.headRanWithSecrets(connection, command.number(), head)) {
          skipped.add(
              "pull request #"
                  + command.number()
                  + " has no run waiting for approval at "
                  + head
                  + ": its runs there have their secrets");
          continue;
        }
        if (!runs.headSeenBefore(connection, command.number(), head, writtenAt)) {
          skipped.add(
              "no run of pull request #"
                  + command.number()
                  + " at "
                  + head
                  + " existed when the comment was written, so nobody can have reviewed it: comment"
                  + " /ok-to-test again once its run is waiting");
          continue;
        }
      }
      PushProcessor.Result result =
          start(
              connection,
              command,
              change.get(),
              deliveryId,
              provider,
              now,
              command.command() == CommentCommand.OK_TO_TEST);
      created.addAll(result.runs());
      createdCount += result.created();
      skipped.addAll(result.skipped());
      unavailable.addAll(result.unavailable());
      unavailable.addAll(result.refused());
    }
    String done =
        changed.isEmpty()
            ? null
            : (command.command() == CommentCommand.CANCEL ? "cancelled " : "approved ")
                + changed.size()
                + " run(s) of pull request #"
                + command.number();
    return new Outcome(
        new PushProcessor.Result(created, createdCount, skipped, List.of(), unavailable),
        changed,
        done);
  }

  /** New runs of the head, named by the comment; a writer asked, so they are approved. */
  private PushProcessor.Result start(
      RepositoryConnection connection,
      Command command,
      PullRequestChange change,
      String deliveryId,
      String provider,
      Instant now,
      boolean withSecrets)
      throws MalformedPayloadException {
    RunPlanner.Build build = RunPlanner.Build.of(change).keyed("comment/" + command.commentId());
    return pushes.process(
        List.of(connection),
        List.of(build),
        command.author(),
        deliveryId,
        provider,
        now,
        run -> {
          run.getMetadata().getAnnotations().put(COMMENT_ANNOTATION, command.commentId());
          if (withSecrets) {
            run.getSpec().setWithoutSecrets(null);
            run.getSpec().setApprovedBy(command.author());
          }
        });
  }

  /** The pull request and its head: from the payload, or (GitHub, Gitea) from the API. */
  private Optional<PullRequestChange> change(
      Command command,
      ForgeRepository repository,
      ForgeCredentials credentials,
      List<String> unavailable,
      List<String> skipped)
      throws MalformedPayloadException {
    if (command.change() != null) {
      return Optional.of(command.change());
    }
    ForgeAccess.PullRequestLookup lookup =
        forge.pullRequest(repository, credentials, command.number());
    if (lookup.pullRequest() == null) {
      (lookup.retry() ? unavailable : skipped)
          .add(command.command().word() + " not carried out: " + lookup.failure());
      return Optional.empty();
    }
    return Optional.of(GitHubProtocol.pullRequestFromApi(lookup.pullRequest()));
  }
}
