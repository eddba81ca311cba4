package dev.c8s.webhook.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.model.v1alpha1.GitProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Bitbucket Cloud: {@code X-Hub-Signature} (sha256=), {@code X-Event-Key}, request UUID. */
@ApplicationScoped
public class BitbucketProtocol implements ProviderProtocol {
  static final String SIGNATURE = "X-Hub-Signature";
  static final String EVENT = "X-Event-Key";
  static final String DELIVERY = "X-Request-UUID";
  static final String PUSH = "repo:push";
  static final String PING = "diagnostics:ping";
  static final String PR_CREATED = "pullrequest:created";
  static final String PR_UPDATED = "pullrequest:updated";
  static final String PR_COMMENT = "pullrequest:comment_created";

  @Override
  public GitProvider provider() {
    return GitProvider.BITBUCKET;
  }

  @Override
  public String eventHeader() {
    return EVENT;
  }

  @Override
  public String eventName(String event) {
    return switch (event) {
      case PUSH -> "push";
      case PING -> "ping";
      case PR_CREATED, PR_UPDATED -> "pullrequest";
      case PR_COMMENT -> "pullrequest_comment";
      default -> "other";
    };
  }

  @Override
  public Optional<String> deliveryId(DeliveryRequest request) {
    return Optional.ofNullable(request.header(DELIVERY)).map(String::strip);
  }

  @Override
  public boolean isSigned(DeliveryRequest request) {
    return request.header(SIGNATURE) != null;
  }

  @Override
  public boolean verify(DeliveryRequest request, byte[] secret) {
    return Signatures.sha256HeaderMatches(request.header(SIGNATURE), secret, request.body());
  }

  @Override
  public Set<String> repositoryUrlPaths() {
    return Set.of("repository.links.html.href", "repository.links.clone[].href");
  }

  /** One push may move several branches and tags: each branch it moved to a commit is built. */
  @Override
  public EventMeaning interpret(String event, JsonNode payload) throws MalformedPayloadException {
    if (event.equals(PING)) {
      return new EventMeaning.Ping();
    }
    if (event.equals(PR_CREATED) || event.equals(PR_UPDATED)) {
      return pullRequest(payload);
    }
    if (event.equals(PR_COMMENT)) {
      return comment(payload);
    }
    if (!event.equals(PUSH)) {
      return new EventMeaning.Ignored(
          "event "
              + (event.isEmpty() ? "(no " + EVENT + " header)" : Payloads.shortName(event))
              + " starts no run: c8s builds repo:push, pullrequest:created and"
              + " pullrequest:updated events and takes commands from pullrequest:comment_created");
    }
    JsonNode changes = Payloads.at(payload, "push.changes");
    if (!changes.isArray()) {
      throw new MalformedPayloadException("push.changes: missing or not a list");
    }
    List<EventMeaning.BranchPush> pushes = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      JsonNode change = changes.get(i);
      if (!change.isObject()) {
        throw new MalformedPayloadException("push.changes[" + i + "]: not an object");
      }
      JsonNode target = change.path("new");
      if (target.isMissingNode() || target.isNull()) {
        String old = Payloads.firstText(change, "old.name");
        ignored.add(
            "deletion of " + (old == null ? "a branch or tag" : old) + ": nothing to build");
        continue;
      }
      String at = "push.changes[" + i + "].new.";
      String type = Payloads.requiredText(target, "type", at);
      String name = Payloads.requiredText(target, "name", at);
      if (!type.equals("branch")) {
        ignored.add(Payloads.shortName(type) + " push of " + name + ": c8s builds branches only");
        continue;
      }
      String hash = Payloads.requiredText(target, "target.hash", at);
      pushes.add(new EventMeaning.BranchPush(name, hash.toLowerCase(Locale.ROOT)));
    }
    if (pushes.isEmpty()) {
      return new EventMeaning.Ignored(
          ignored.isEmpty() ? "the push changed no branch" : String.join("; ", ignored));
    }
    return new EventMeaning.Pushes(
        pushes, Payloads.firstText(payload, "actor.nickname", "actor.display_name"));
  }

  /**
   * Created and updated build the source commit. Bitbucket has no ref for a pull request's head,
   * and an update that changed no commit names the commit already built (same run name).
   */
  private static EventMeaning.PullRequestChange pullRequest(JsonNode payload)
      throws MalformedPayloadException {
    String at = "pullrequest.";
    JsonNode pr = payload.path("pullrequest");
    return PullRequestPayloads.change(
        new PullRequestPayloads.Fields(
            pr.path("id"),
            at + "id",
            Payloads.requiredText(pr, "source.commit.hash", at),
            Payloads.requiredText(pr, "source.branch.name", at),
            Payloads.requiredText(pr, "destination.branch.name", at),
            Payloads.firstText(pr, "source.repository.full_name"),
            Payloads.firstText(
                payload, at + "destination.repository.full_name", "repository.full_name"),
            null,
            Payloads.firstText(pr, "links.html.href"),
            Payloads.firstText(payload, "actor.nickname", "actor.display_name")));
  }

  /** A new comment on a pull request: its command, if it gives one. */
  private static EventMeaning comment(JsonNode payload) throws MalformedPayloadException {
    Optional<CommentCommand> command =
        CommentCommand.in(Payloads.firstText(payload, "comment.content.raw"));
    if (command.isEmpty()) {
      return PullRequestPayloads.noCommand();
    }
    EventMeaning.PullRequestChange change = pullRequest(payload);
    return new EventMeaning.Command(
        command.get(),
        change.pullRequest().getNumber(),
        Payloads.requiredId(payload, "comment.id", ""),
        Payloads.firstText(payload, "actor.nickname", "actor.display_name", "actor.uuid"),
        Payloads.requiredText(payload, "actor.uuid"),
        change,
        Payloads.instant(payload, "comment.created_on"));
  }
}
