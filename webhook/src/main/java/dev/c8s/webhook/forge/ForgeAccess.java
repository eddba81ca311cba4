package dev.c8s.webhook.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.model.forge.ForgeAuth;
import dev.c8s.model.forge.ForgeCredentials;
import dev.c8s.model.forge.ForgeRepository;
import dev.c8s.model.v1alpha1.GitProvider;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * Asks a provider's API who may write to a repository, and (GitHub) what a pull request's head is:
 * what the webhook must know before it carries out a comment's command.
 */
@ApplicationScoped
public class ForgeAccess {
  /** A provider slower than this counts as unreachable for this delivery. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** GitLab's Developer role and above may push (docs: members API, access levels). */
  static final int GITLAB_DEVELOPER = 30;

  /** GitHub's and Bitbucket's words for write access; Gitea adds the owner. */
  private static final Set<String> WRITERS = Set.of("owner", "admin", "write");

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final ObjectMapper json;

  public ForgeAccess(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Whether {@code user} may write to {@code repository}: GitHub's collaborator permission (admin
   * or write, which includes maintain), GitLab's member access level (Developer or above, inherited
   * memberships included), Bitbucket's repository permission (admin or write).
   *
   * @param user the login (GitHub), user id (GitLab) or account uuid (Bitbucket)
   */
  public WriteAccess writeAccess(
      ForgeRepository repository, ForgeCredentials credentials, String user) {
    String api = repository.api();
    String path = repository.path();
    return switch (repository.provider()) {
      case GITHUB, GITEA ->
          read(
              repository,
              credentials,
              api + "/repos/" + path + "/collaborators/" + encode(user) + "/permission",
              repository.provider() == GitProvider.GITEA
                  ? "a token with the read:repository scope"
                  : "a token that can read the repository's collaborators (classic: repo;"
                      + " fine-grained: Metadata read)",
              body -> {
                String permission = body.path("permission").asText("none");
                return WRITERS.contains(permission)
                    ? new WriteAccess.Granted(body.path("role_name").asText(permission))
                    : new WriteAccess.Denied(
                        repository.provider().name()
                            + " gives "
                            + user
                            + " "
                            + permission
                            + " access");
              });
      case GITLAB ->
          read(
              repository,
              credentials,
              api + "/projects/" + encode(path) + "/members/all/" + encode(user),
              "a token with read_api and at least Reporter access to the project",
              body -> {
                int level = body.path("access_level").asInt(0);
                return level >= GITLAB_DEVELOPER
                    ? new WriteAccess.Granted("access level " + level)
                    : new WriteAccess.Denied(
                        "GitLab gives user "
                            + user
                            + " access level "
                            + level
                            + ", below Developer");
              });
      case BITBUCKET -> {
        int slash = path.indexOf('/');
        String query = "user.uuid=\"" + user.replace("\"", "") + "\"";
        yield read(
            repository,
            credentials,
            api
                + "/workspaces/"
                + path.substring(0, slash)
                + "/permissions/repositories/"
                + path.substring(slash + 1)
                + "?q="
                + encode(query),
            "a token of a repository admin (Bitbucket shows repository permissions to admins only)",
            body -> {
              // The filtered list, checked again: never another user's permission.
              JsonNode first = body.path("values").path(0);
              String permission =
                  user.equals(first.path("user").path("uuid").asText())
                      ? first.path("permission").asText("none")
                      : "none";
              return WRITERS.contains(permission)
                  ? new WriteAccess.Granted(permission)
                  : new WriteAccess.Denied(
                      "Bitbucket gives " + user + " " + permission + " access");
            });
      }
    };
  }

  /** A pull request read from the API, or why not and whether asking again may help. */
  public record PullRequestLookup(JsonNode pullRequest, String failure, boolean retry) {}

  /**
   * The pull request {@code number} as GitHub's and Gitea's {@code GET
   * /repos/{owner}/{repo}/pulls/{number}} show it.
   */
  public PullRequestLookup pullRequest(
      ForgeRepository repository, ForgeCredentials credentials, long number) {
    String name = repository.provider().name();
    try {
      HttpResponse<String> response =
          get(
              repository,
              credentials,
              repository.api() + "/repos/" + repository.path() + "/pulls/" + number);
      int status = response.statusCode();
      if (status == 200) {
        return new PullRequestLookup(json.readTree(response.body()), null, false);
      }
      return new PullRequestLookup(
          null,
          name + " answered " + status + " for pull request #" + number,
          status == 429 || status >= 500);
    } catch (IOException e) {
      return new PullRequestLookup(null, name + " could not be reached: " + e.getMessage(), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PullRequestLookup(null, "interrupted", true);
    }
  }

  private interface Reading {
    WriteAccess of(JsonNode body);
  }

  private WriteAccess read(
      ForgeRepository repository,
      ForgeCredentials credentials,
      String uri,
      String needs,
      Reading reading) {
    String name = repository.provider().name();
    try {
      HttpResponse<String> response = get(repository, credentials, uri);
      int status = response.statusCode();
      if (status == 200) {
        return reading.of(json.readTree(response.body()));
      }
      if (status == 404 && refusesUnknownUsers(repository, response.body())) {
        // GitLab and Gitea answer 404 for a user who is no member or collaborator.
        return new WriteAccess.Denied(
            name + " knows no access of that user to " + repository.path());
      }
      if (status == 429 || status >= 500) {
        return new WriteAccess.Unknown(
            name + " answered " + status + "; try the command again", true);
      }
      return new WriteAccess.Unknown(
          name
              + " refused to tell who may write to "
              + repository.path()
              + " ("
              + status
              + "): c8s needs "
              + needs,
          false);
    } catch (IOException e) {
      return new WriteAccess.Unknown(name + " could not be reached: " + e.getMessage(), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new WriteAccess.Unknown("interrupted", true);
    }
  }

  /**
   * Whether a 404 means "no such member": GitLab's members API (unless the project itself is not
   * found) and Gitea's. GitHub answers 200 with "none" or "read" for a stranger, so its 404 means
   * the token cannot see the repository; Bitbucket answers an empty list.
   */
  private static boolean refusesUnknownUsers(ForgeRepository repository, String body) {
    return switch (repository.provider()) {
      case GITLAB -> body == null || !body.contains("Project Not Found");
      case GITEA -> true;
      case GITHUB, BITBUCKET -> false;
    };
  }

  private HttpResponse<String> get(
      ForgeRepository repository, ForgeCredentials credentials, String uri)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).GET();
    ForgeAuth.headers(repository, credentials).forEach(request::setHeader);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @PreDestroy
  void close() {
    http.close();
  }
}
