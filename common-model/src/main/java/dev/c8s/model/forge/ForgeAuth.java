package dev.c8s.model.forge;

import java.util.LinkedHashMap;
import java.util.Map;

/** The headers every request to a provider's API carries: its credentials and what it expects. */
public final class ForgeAuth {
  /** GitHub asks every client to name itself. */
  public static final String USER_AGENT = "c8s";

  /** The REST API version c8s is written against (GitHub's dated versions). */
  public static final String GITHUB_API_VERSION = "2022-11-28";

  private static final String JSON = "application/json";

  private ForgeAuth() {}

  /**
   * The credentials' header for {@code repository}'s provider, with the accepted media type and the
   * user agent: GitHub a bearer token and its API version, GitLab {@code PRIVATE-TOKEN}, Bitbucket
   * a bearer access token or, with a username, basic credentials (API tokens and app passwords).
   */
  public static Map<String, String> headers(
      ForgeRepository repository, ForgeCredentials credentials) {
    Map<String, String> headers = new LinkedHashMap<>();
    switch (repository.provider()) {
      case GITHUB -> {
        headers.put("Authorization", "Bearer " + credentials.token());
        headers.put("Accept", "application/vnd.github+json");
        headers.put("X-GitHub-Api-Version", GITHUB_API_VERSION);
      }
      case GITLAB -> headers.put("PRIVATE-TOKEN", credentials.token());
      // Gitea and Forgejo document "token <token>"; they take Bearer too.
      case GITEA -> headers.put("Authorization", "token " + credentials.token());
      case BITBUCKET -> {
        // Access tokens go as bearer tokens (their clone user is x-token-auth); API tokens and app
        // passwords as basic credentials with the account's name.
        String username = credentials.username();
        headers.put(
            "Authorization",
            username == null || username.isBlank() || "x-token-auth".equals(username)
                ? "Bearer " + credentials.token()
                : credentials.basic());
      }
    }
    headers.putIfAbsent("Accept", JSON);
    headers.put("User-Agent", USER_AGENT);
    return headers;
  }
}
