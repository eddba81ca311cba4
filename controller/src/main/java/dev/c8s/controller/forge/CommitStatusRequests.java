package dev.c8s.controller.forge;

import dev.c8s.model.forge.ForgeAuth;
import dev.c8s.model.forge.ForgeCredentials;
import dev.c8s.model.forge.ForgeRepository;
import dev.c8s.model.forge.ForgeRequest;
import dev.c8s.model.text.Sha256;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request that sets a commit status, in each provider's own API: GitHub's commit statuses,
 * GitLab's commit status API, Bitbucket Cloud's build statuses.
 */
public final class CommitStatusRequests {
  private static final String JSON = "application/json";

  private CommitStatusRequests() {}

  /** The request that shows {@code report} on {@code repository}'s commit. */
  public static ForgeRequest of(
      ForgeRepository repository, ForgeCredentials credentials, CommitReport report) {
    return switch (repository.provider()) {
      case GITHUB -> github(repository, credentials, report);
      case GITLAB -> gitlab(repository, credentials, report);
      case BITBUCKET -> bitbucket(repository, credentials, report);
      // Gitea and Forgejo keep GitHub's path and body.
      case GITEA -> github(repository, credentials, report);
    };
  }

  /** The provider's word for {@code outcome}. */
  public static String state(dev.c8s.model.v1alpha1.GitProvider provider, CommitOutcome outcome) {
    return switch (provider) {
      case GITHUB ->
          switch (outcome) {
            case PENDING, RUNNING -> "pending";
            case SUCCESS -> "success";
            case FAILURE -> "failure";
            // GitHub has no cancelled state.
            case CANCELLED, ERROR -> "error";
          };
      case GITLAB ->
          switch (outcome) {
            case PENDING -> "pending";
            case RUNNING -> "running";
            case SUCCESS -> "success";
            case FAILURE, ERROR -> "failed";
            case CANCELLED -> "canceled";
          };
      case GITEA ->
          switch (outcome) {
            case PENDING, RUNNING -> "pending";
            case SUCCESS -> "success";
            case FAILURE -> "failure";
            case CANCELLED, ERROR -> "error";
          };
      case BITBUCKET ->
          switch (outcome) {
            case PENDING, RUNNING -> "INPROGRESS";
            case SUCCESS -> "SUCCESSFUL";
            case FAILURE, ERROR -> "FAILED";
            case CANCELLED -> "STOPPED";
          };
    };
  }

  private static ForgeRequest github(
      ForgeRepository repository, ForgeCredentials credentials, CommitReport report) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", state(repository.provider(), report.outcome()));
    body.put("target_url", report.targetUrl());
    body.put("description", report.description());
    body.put("context", report.context());
    return post(
        repository.api() + "/repos/" + repository.path() + "/statuses/" + report.commit(),
        ForgeAuth.headers(repository, credentials),
        body);
  }

  private static ForgeRequest gitlab(
      ForgeRepository repository, ForgeCredentials credentials, CommitReport report) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", state(repository.provider(), report.outcome()));
    if (report.branch() != null && !report.branch().isBlank()) {
      body.put("ref", report.branch());
    }
    body.put("name", report.context());
    body.put("target_url", report.targetUrl());
    body.put("description", report.description());
    String project = URLEncoder.encode(repository.path(), StandardCharsets.UTF_8);
    return post(
        repository.api() + "/projects/" + project + "/statuses/" + report.commit(),
        ForgeAuth.headers(repository, credentials),
        body);
  }

  private static ForgeRequest bitbucket(
      ForgeRepository repository, ForgeCredentials credentials, CommitReport report) {
    Map<String, Object> body = new LinkedHashMap<>();
    // Bitbucket's published schema (commitstatus extends object) requires the type.
    body.put("type", "commitstatus");
    body.put("key", bitbucketKey(report.context()));
    body.put("state", state(repository.provider(), report.outcome()));
    body.put("name", report.context());
    body.put("url", report.targetUrl());
    body.put("description", report.description());
    if (report.branch() != null && !report.branch().isBlank()) {
      body.put("refname", report.branch());
    }
    return post(
        repository.api()
            + "/repositories/"
            + repository.path()
            + "/commit/"
            + report.commit()
            + "/statuses/build",
        ForgeAuth.headers(repository, credentials),
        body);
  }

  /**
   * Bitbucket overwrites the status of the same key: one key per context, readable for a plain
   * pipeline and made unique by a digest for a matrix combination.
   */
  static String bitbucketKey(String context) {
    String plain = context.replaceAll("[^A-Za-z0-9._-]+", "-");
    if (!context.contains("(") && plain.length() <= 40) {
      return plain;
    }
    String readable = plain.length() > 27 ? plain.substring(0, 27) : plain;
    return readable + "-" + Sha256.hex(context).substring(0, 12);
  }

  private static ForgeRequest post(String uri, Map<String, String> auth, Map<String, Object> body) {
    Map<String, String> headers = new LinkedHashMap<>(auth);
    headers.put("Content-Type", JSON);
    return new ForgeRequest("POST", URI.create(uri), headers, Serialization.asJson(body));
  }
}
