package dev.c8s.controller.forge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.model.forge.ForgeAuth;
import dev.c8s.model.forge.ForgeCredentials;
import dev.c8s.model.forge.ForgeRepository;
import dev.c8s.model.forge.ForgeRequest;
import dev.c8s.model.v1alpha1.GitProvider;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The requests that list, create, update and delete a repository's webhook in each provider's API
 * (GitHub repository webhooks, GitLab project hooks, Bitbucket Cloud repository hooks), with the
 * events c8s handles.
 */
public final class WebhookRequests {
  /** GitHub's events c8s handles. */
  static final List<String> GITHUB_EVENTS = List.of("push", "pull_request", "issue_comment");

  /** Gitea's events c8s handles (its webhook type "gitea"). */
  static final List<String> GITEA_EVENTS = List.of("push", "pull_request", "issue_comment");

  /** Bitbucket's events c8s handles. */
  static final List<String> BITBUCKET_EVENTS =
      List.of(
          "repo:push", "pullrequest:created", "pullrequest:updated", "pullrequest:comment_created");

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private WebhookRequests() {}

  /** Lists the repository's webhooks. */
  public static ForgeRequest list(ForgeRepository repository, ForgeCredentials credentials) {
    // The largest page each API allows: c8s reads the first page only.
    String page =
        switch (repository.provider()) {
          case GITHUB, GITLAB -> "?per_page=100";
          case BITBUCKET -> "?pagelen=100";
          case GITEA -> "?limit=50";
        };
    return request("GET", hooks(repository) + page, credentials, repository, null);
  }

  /** Creates a webhook calling {@code url}, signed with {@code secret}. */
  public static ForgeRequest create(
      ForgeRepository repository, ForgeCredentials credentials, String url, String secret) {
    Map<String, Object> body = body(repository, url, secret);
    if (repository.provider() == GitProvider.GITHUB || repository.provider() == GitProvider.GITEA) {
      Map<String, Object> named = new LinkedHashMap<>();
      named.put(
          repository.provider() == GitProvider.GITHUB ? "name" : "type",
          repository.provider() == GitProvider.GITHUB ? "web" : "gitea");
      named.putAll(body);
      body = named;
    }
    return request("POST", hooks(repository), credentials, repository, body);
  }

  /** Sets the events, the URL and the secret of webhook {@code id} again. */
  public static ForgeRequest update(
      ForgeRepository repository,
      ForgeCredentials credentials,
      String id,
      String url,
      String secret) {
    // GitHub and Gitea edit a hook with PATCH; GitLab and Bitbucket replace it with PUT.
    String method =
        repository.provider() == GitProvider.GITHUB || repository.provider() == GitProvider.GITEA
            ? "PATCH"
            : "PUT";
    return request(
        method,
        hooks(repository) + "/" + encode(id),
        credentials,
        repository,
        body(repository, url, secret));
  }

  /** Deletes webhook {@code id}. */
  public static ForgeRequest delete(
      ForgeRepository repository, ForgeCredentials credentials, String id) {
    return request("DELETE", hooks(repository) + "/" + encode(id), credentials, repository, null);
  }

  /** The id of the webhook in {@code listed} (a list answer) that calls {@code url}, if any. */
  public static Optional<String> find(ForgeRepository repository, JsonNode listed, String url) {
    JsonNode hooks =
        switch (repository.provider()) {
          case GITHUB, GITLAB, GITEA -> listed;
          case BITBUCKET -> listed.path("values");
        };
    for (JsonNode hook : hooks) {
      String hookUrl =
          switch (repository.provider()) {
            case GITHUB, GITEA -> hook.path("config").path("url").asText(null);
            case GITLAB, BITBUCKET -> hook.path("url").asText(null);
          };
      if (url.equals(hookUrl) && id(repository, hook).isPresent()) {
        return id(repository, hook);
      }
    }
    return Optional.empty();
  }

  /** The provider's id of {@code hook}: GitHub's and GitLab's {@code id}, Bitbucket's uuid. */
  public static Optional<String> id(ForgeRepository repository, JsonNode hook) {
    JsonNode id = hook.path(repository.provider() == GitProvider.BITBUCKET ? "uuid" : "id");
    return id.isValueNode() && !id.asText().isBlank() ? Optional.of(id.asText()) : Optional.empty();
  }

  private static Map<String, Object> body(ForgeRepository repository, String url, String secret) {
    Map<String, Object> body = new LinkedHashMap<>();
    switch (repository.provider()) {
      case GITHUB -> {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", url);
        config.put("content_type", "json");
        config.put("secret", secret);
        config.put("insecure_ssl", "0");
        body.put("active", true);
        body.put("events", GITHUB_EVENTS);
        body.put("config", config);
      }
      case GITLAB -> {
        body.put("url", url);
        body.put("token", secret);
        body.put("push_events", true);
        body.put("merge_requests_events", true);
        body.put("note_events", true);
        body.put("tag_push_events", false);
        body.put("enable_ssl_verification", true);
      }
      case GITEA -> {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", url);
        config.put("content_type", "json");
        config.put("secret", secret);
        body.put("active", true);
        body.put("events", GITEA_EVENTS);
        body.put("config", config);
      }
      case BITBUCKET -> {
        body.put("description", "c8s");
        body.put("url", url);
        body.put("active", true);
        body.put("secret", secret);
        body.put("events", BITBUCKET_EVENTS);
      }
    }
    return body;
  }

  private static String hooks(ForgeRepository repository) {
    return switch (repository.provider()) {
      case GITHUB, GITEA -> repository.api() + "/repos/" + repository.path() + "/hooks";
      case GITLAB -> repository.api() + "/projects/" + encode(repository.path()) + "/hooks";
      case BITBUCKET -> repository.api() + "/repositories/" + repository.path() + "/hooks";
    };
  }

  private static ForgeRequest request(
      String method,
      String uri,
      ForgeCredentials credentials,
      ForgeRepository repository,
      Map<String, Object> body) {
    Map<String, String> headers = new LinkedHashMap<>(ForgeAuth.headers(repository, credentials));
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    return new ForgeRequest(
        method, URI.create(uri), headers, body == null ? "" : JSON.asJson(body));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
