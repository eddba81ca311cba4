package dev.c8s.webhook.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.webhook.delivery.EventMeaning.PullRequestChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** GitLab: the plain {@code X-Gitlab-Token}, {@code X-Gitlab-Event}, idempotency key or UUID. */
@ApplicationScoped
public class GitLabProtocol implements ProviderProtocol {
  static final String TOKEN = "X-Gitlab-Token";
  static final String EVENT = "X-Gitlab-Event";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final String EVENT_UUID = "X-Gitlab-Event-UUID";
  static final String PUSH_HOOK = "Push Hook";
  static final String TAG_PUSH_HOOK = "Tag Push Hook";
  static final String MERGE_REQUEST_HOOK = "Merge Request Hook";
  static final String NOTE_HOOK = "Note Hook";

  @Override
  public GitProvider provider() {
    return GitProvider.GITLAB;
  }

  @Override
  public String eventHeader() {
    return EVENT;
  }

  @Override
  public String eventName(String event) {
    return switch (event) {
      case PUSH_HOOK -> "push";
      case TAG_PUSH_HOOK -> "tag_push";
      case MERGE_REQUEST_HOOK -> "merge_request";
      case NOTE_HOOK -> "note";
      default -> "other";
    };
  }

  /** GitLab 17.4+ keeps {@code Idempotency-Key} across retries; older ones send the event UUID. */
  @Override
  public Optional<String> deliveryId(DeliveryRequest request) {
    String key = request.header(IDEMPOTENCY_KEY);
    if (key == null || key.isBlank()) {
      key = request.header(EVENT_UUID);
    }
    return Optional.ofNullable(key).map(String::strip);
  }

  @Override
  public boolean isSigned(DeliveryRequest request) {
    return request.header(TOKEN) != null;
  }

  @Override
  public boolean verify(DeliveryRequest request, byte[] secret) {
    return Signatures.tokenMatches(request.header(TOKEN), secret);
  }

  @Override
  public Set<String> repositoryUrlPaths() {
    return Set.of(
        "project.git_http_url",
        "project.git_ssh_url",
        "project.web_url",
        "repository.git_http_url",
        "repository.git_ssh_url",
        "repository.homepage");
  }

  @Override
  public EventMeaning interpret(String event, JsonNode payload) throws MalformedPayloadException {
    if (event.equals(TAG_PUSH_HOOK)) {
      String ref = Payloads.firstText(payload, "ref");
      return new EventMeaning.Ignored(
          Payloads.ignoredPush(ref == null ? "refs/tags/?" : ref, "1", false));
    }
    if (event.equals(MERGE_REQUEST_HOOK)) {
      return mergeRequest(payload);
    }
    if (event.equals(NOTE_HOOK)) {
      return note(payload);
    }
    if (!event.equals(PUSH_HOOK)) {
      return new EventMeaning.Ignored(
          "event "
              + (event.isEmpty() ? "(no " + EVENT + " header)" : Payloads.shortName(event))
              + " starts no run: c8s builds Push Hook and Merge Request Hook events and takes commands from Note Hook events");
    }
    String ref = Payloads.requiredText(payload, "ref");
    String after = Payloads.requiredText(payload, "after");
    String ignored = Payloads.ignoredPush(ref, after, false);
    if (ignored != null) {
      return new EventMeaning.Ignored(ignored);
    }
    String pusher = Payloads.firstText(payload, "user_username", "user_name");
    return new EventMeaning.Pushes(
        List.of(new EventMeaning.BranchPush(Payloads.branch(ref), after.toLowerCase(Locale.ROOT))),
        pusher);
  }

  /**
   * Open and reopen build the head; update builds it only with {@code oldrev}, which GitLab sends
   * only when commits changed (not for a title, label or approval change).
   */
  private static EventMeaning mergeRequest(JsonNode payload) throws MalformedPayloadException {
    JsonNode attributes = payload.path("object_attributes");
    String action = Payloads.firstText(attributes, "action");
    boolean newCommits =
        "update".equals(action) && Payloads.firstText(attributes, "oldrev") != null;
    if (!"open".equals(action) && !"reopen".equals(action) && !newCommits) {
      if ("update".equals(action)) {
        return new EventMeaning.Ignored(
            "merge request update without new commits (no object_attributes.oldrev): nothing to"
                + " build");
      }
      return PullRequestPayloads.ignoredAction(
          "merge request", action, "open, reopen and update with new commits");
    }
    return change(payload, attributes, "object_attributes.");
  }

  /** The merge request {@code mr} (found at {@code at}) and its last commit. */
  private static PullRequestChange change(JsonNode payload, JsonNode mr, String at)
      throws MalformedPayloadException {
    JsonNode iid = mr.path("iid");
    String source = Payloads.firstText(mr, "source.path_with_namespace");
    String target =
        Payloads.firstText(
            payload, at + "target.path_with_namespace", "project.path_with_namespace");
    if (source == null
        && mr.path("source_project_id").asLong(-1) == mr.path("target_project_id").asLong(-2)) {
      source = target; // same project by id, when the names are left out
    }
    return PullRequestPayloads.change(
        new PullRequestPayloads.Fields(
            iid,
            at + "iid",
            Payloads.requiredText(mr, "last_commit.id", at),
            Payloads.requiredText(mr, "source_branch", at),
            Payloads.requiredText(mr, "target_branch", at),
            source,
            target,
            iid.canConvertToLong() ? "refs/merge-requests/" + iid.asLong() + "/head" : null,
            Payloads.firstText(mr, "url"),
            Payloads.firstText(payload, "user.username", "user.name")));
  }

  /** A comment on a merge request: its command, if it gives one. */
  private static EventMeaning note(JsonNode payload) throws MalformedPayloadException {
    JsonNode note = payload.path("object_attributes");
    String type = Payloads.firstText(note, "noteable_type");
    if (!"MergeRequest".equals(type)) {
      return new EventMeaning.Ignored(
          "comment on "
              + (type == null ? "something" : Payloads.shortName(type))
              + ", not on a merge request: c8s takes commands on merge requests");
    }
    String action = Payloads.firstText(note, "action");
    if (action != null && !action.equals("create")) {
      return new EventMeaning.Ignored(
          "comment " + Payloads.shortName(action) + ": c8s takes commands from new comments");
    }
    Optional<CommentCommand> command = CommentCommand.in(Payloads.firstText(note, "note"));
    if (command.isEmpty()) {
      return PullRequestPayloads.noCommand();
    }
    PullRequestChange change = change(payload, payload.path("merge_request"), "merge_request.");
    return new EventMeaning.Command(
        command.get(),
        change.pullRequest().getNumber(),
        Payloads.requiredId(note, "id", "object_attributes."),
        Payloads.requiredText(payload, "user.username"),
        Payloads.requiredId(payload.path("user"), "id", "user."),
        change,
        Payloads.instant(note, "created_at"));
  }
}
