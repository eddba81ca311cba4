package dev.c8s.controller.forge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.model.forge.ForgeAuth;
import dev.c8s.model.forge.ForgeCredentials;
import dev.c8s.model.forge.ForgeRepository;
import dev.c8s.model.forge.ForgeRequest;
import dev.c8s.model.schedule.ScheduleReason;
import dev.c8s.model.v1alpha1.GitProvider;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The request that reads a branch's head commit in each provider's API (a single branch: GitHub's
 * and Gitea's {@code branches/{branch}}, GitLab's {@code repository/branches/{branch}}, Bitbucket's
 * {@code refs/branches/{name}}), and what its answer means.
 */
public final class BranchHeadRequests {
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");

  private BranchHeadRequests() {}

  /** The request for {@code branch} of {@code repository}. */
  public static ForgeRequest of(
      ForgeRepository repository, ForgeCredentials credentials, String branch) {
    // Encoded whole: a branch such as release/1.2 is one path parameter, not two segments.
    String name = URLEncoder.encode(branch, StandardCharsets.UTF_8);
    String path =
        switch (repository.provider()) {
          case GITHUB, GITEA -> "/repos/" + repository.path() + "/branches/" + name;
          case GITLAB ->
              "/projects/"
                  + URLEncoder.encode(repository.path(), StandardCharsets.UTF_8)
                  + "/repository/branches/"
                  + name;
          case BITBUCKET -> "/repositories/" + repository.path() + "/refs/branches/" + name;
        };
    return new ForgeRequest(
        "GET", URI.create(repository.api() + path), ForgeAuth.headers(repository, credentials), "");
  }

  /**
   * What {@code provider}'s answer {@code status} with {@code body} says about {@code branch}.
   *
   * @param secret the Secret the token came from, named when the token is refused
   */
  public static BranchHead read(
      GitProvider provider, String branch, int status, String body, String secret) {
    String name = ForgeAnswers.name(provider);
    String said = ForgeAnswers.message(body);
    if (status == 200) {
      String commit = commit(provider, body);
      return commit == null
          ? new BranchHead.Unavailable(
              name + " answered for branch \"" + branch + "\" without a full commit SHA")
          : new BranchHead.Found(commit);
    }
    if (status == 404) {
      return new BranchHead.Refused(
          ScheduleReason.BranchNotFound,
          name
              + " has no branch \""
              + branch
              + "\" (404: "
              + said
              + "); create it, or set spec.schedule.branch to a branch that exists (the token in"
              + " Secret "
              + secret
              + " must also be able to read the repository)");
    }
    if (status == 429
        || status >= 500
        || status == 408
        || said.toLowerCase(Locale.ROOT).contains("rate limit")) {
      return new BranchHead.Unavailable(name + " answered " + status + ": " + said);
    }
    if (status == 401 || status == 403) {
      return new BranchHead.Refused(
          ScheduleReason.ForgeRefused,
          name
              + " refused the token in Secret "
              + secret
              + " ("
              + status
              + ": "
              + said
              + "); store a valid token that can read the repository under the key token or"
              + " password");
    }
    return new BranchHead.Refused(
        ScheduleReason.ForgeRefused,
        name + " refused to read branch \"" + branch + "\" (" + status + ": " + said + ")");
  }

  /** GitHub's {@code commit.sha}, Gitea's and GitLab's {@code commit.id}, Bitbucket's hash. */
  private static String commit(GitProvider provider, String body) {
    try {
      JsonNode node = Serialization.jsonMapper().readTree(body);
      JsonNode sha =
          switch (provider) {
            case GITHUB -> node.path("commit").path("sha");
            case GITEA, GITLAB -> node.path("commit").path("id");
            case BITBUCKET -> node.path("target").path("hash");
          };
      String text = sha.asText("");
      return FULL_SHA.matcher(text).matches() ? text : null;
    } catch (Exception notJson) {
      return null;
    }
  }
}
