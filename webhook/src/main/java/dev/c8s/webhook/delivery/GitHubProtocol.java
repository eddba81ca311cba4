package dev.c8s.webhook.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.model.v1alpha1.GitProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** GitHub: {@code X-Hub-Signature-256}, {@code X-GitHub-Event}, {@code X-GitHub-Delivery}. */
@ApplicationScoped
public class GitHubProtocol implements ProviderProtocol {
  static final String SIGNATURE = "X-Hub-Signature-256";
  static final String EVENT = "X-GitHub-Event";
  static final String DELIVERY = "X-GitHub-Delivery";
  static final String PULL_REQUEST = "pull_request";
  static final String ISSUE_COMMENT = "issue_comment";
  private static final String FORM_PREFIX = "payload=";
  private static final Set<String> BUILT_ACTIONS = Set.of("opened", "synchronize", "reopened");

  @Override
  public GitProvider provider() {
    return GitProvider.GITHUB;
  }

  @Override
  public String eventHeader() {
    return EVENT;
  }

  @Override
  public String eventName(String event) {
    return switch (event) {
      case "push", "ping", PULL_REQUEST, ISSUE_COMMENT -> event;
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
    return Set.of(
        "repository.html_url",
        "repository.clone_url",
        "repository.ssh_url",
        "repository.git_url",
        "repository.url");
  }

  /**
   * GitHub sends JSON, or with content type {@code application/x-www-form-urlencoded} the JSON in
   * the form field {@code payload}; the signature always covers the body as sent.
   */
  @Override
  public byte[] json(DeliveryRequest request) {
    String contentType = request.header("Content-Type");
    boolean form =
        contentType != null
            && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    if (!form) {
      return request.body();
    }
    String body = new String(request.body(), StandardCharsets.UTF_8);
    for (String field : body.split("&")) {
      if (field.startsWith(FORM_PREFIX)) {
        try {
          String json =
              URLDecoder.decode(field.substring(FORM_PREFIX.length()), StandardCharsets.UTF_8);
          return json.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
          return new byte[0];
        }
      }
    }
    return new byte[0];
  }

  @Override
  public EventMeaning interpret(String event, JsonNode payload) throws MalformedPayloadException {
    if (event.equals("ping")) {
      return new EventMeaning.Ping();
    }
    if (event.equals(PULL_REQUEST)) {
      return pullRequest(payload);
    }
    if (event.equals(ISSUE_COMMENT)) {
      return comment(payload);
    }
    if (!event.equals("push")) {
      return new EventMeaning.Ignored(
          "event "
              + (event.isEmpty() ? "(no " + eventHeader() + " header)" : Payloads.shortName(event))
              + " starts no run: c8s builds push and pull_request events and takes commands from issue_comment events");
    }
    String ref = Payloads.requiredText(payload, "ref");
    String after = Payloads.requiredText(payload, "after");
    String ignored = Payloads.ignoredPush(ref, after, payload.path("deleted").asBoolean(false));
    if (ignored != null) {
      return new EventMeaning.Ignored(ignored);
    }
    String pusher = Payloads.firstText(payload, "pusher.name", "sender.login");
    return new EventMeaning.Pushes(
        List.of(new EventMeaning.BranchPush(Payloads.branch(ref), after.toLowerCase(Locale.ROOT))),
        pusher);
  }

  /** The pull request actions that build the head: opened, reopened and new commits. */
  protected Set<String> builtActions() {
    return BUILT_ACTIONS;
  }

  /** Where the author of a pull request event is: who caused it, else who opened it. */
  protected String[] authorPaths() {
    return new String[] {"sender.login", "pull_request.user.login"};
  }

  /** {@link #builtActions()} for people. */
  protected String builtActionsText() {
    return "opened, synchronize and reopened";
  }

  /** Opened, reopened and synchronize (new commits) build the head; other actions do not. */
  private EventMeaning pullRequest(JsonNode payload) throws MalformedPayloadException {
    String action = Payloads.firstText(payload, "action");
    if (action == null || !builtActions().contains(action)) {
      return PullRequestPayloads.ignoredAction("pull_request", action, builtActionsText());
    }
    JsonNode number = payload.path("number");
    return PullRequestPayloads.change(
        new PullRequestPayloads.Fields(
            number,
            "number",
            Payloads.requiredText(payload, "pull_request.head.sha"),
            Payloads.requiredText(payload, "pull_request.head.ref"),
            Payloads.requiredText(payload, "pull_request.base.ref"),
            Payloads.firstText(payload, "pull_request.head.repo.full_name"),
            Payloads.firstText(payload, "pull_request.base.repo.full_name", "repository.full_name"),
            number.canConvertToLong() ? "refs/pull/" + number.asLong() + "/head" : null,
            Payloads.firstText(payload, "pull_request.html_url"),
            Payloads.firstText(payload, authorPaths())));
  }

  /**
   * A new comment on a pull request (GitHub delivers those as issue comments, with {@code
   * issue.pull_request} set); its payload has no head commit, which the API gives.
   */
  private static EventMeaning comment(JsonNode payload) throws MalformedPayloadException {
    String action = Payloads.firstText(payload, "action");
    if (!"created".equals(action)) {
      return new EventMeaning.Ignored(
          "comment "
              + (action == null ? "(no action)" : Payloads.shortName(action))
              + ": c8s takes commands from new comments");
    }
    if (!payload.path("issue").path("pull_request").isObject()) {
      return new EventMeaning.Ignored(
          "comment on an issue, not on a pull request: c8s takes commands on pull requests");
    }
    Optional<CommentCommand> command =
        CommentCommand.in(Payloads.firstText(payload, "comment.body"));
    if (command.isEmpty()) {
      return PullRequestPayloads.noCommand();
    }
    JsonNode number = payload.path("issue").path("number");
    if (!number.canConvertToLong() || number.asLong() < 1) {
      throw new MalformedPayloadException("issue.number: missing or not a number");
    }
    String login = Payloads.requiredText(payload, "comment.user.login");
    return new EventMeaning.Command(
        command.get(),
        number.asLong(),
        Payloads.requiredId(payload, "comment.id", ""),
        login,
        login,
        null,
        Payloads.instant(payload, "comment.created_at"));
  }

  /** The pull request as the API's {@code GET /repos/{owner}/{repo}/pulls/{number}} shows it. */
  static EventMeaning.PullRequestChange pullRequestFromApi(JsonNode pr)
      throws MalformedPayloadException {
    JsonNode number = pr.path("number");
    return PullRequestPayloads.change(
        new PullRequestPayloads.Fields(
            number,
            "number",
            Payloads.requiredText(pr, "head.sha"),
            Payloads.requiredText(pr, "head.ref"),
            Payloads.requiredText(pr, "base.ref"),
            Payloads.firstText(pr, "head.repo.full_name"),
            Payloads.firstText(pr, "base.repo.full_name"),
            number.canConvertToLong() ? "refs/pull/" + number.asLong() + "/head" : null,
            Payloads.firstText(pr, "html_url"),
            Payloads.firstText(pr, "user.login")));
  }
}
