package dev.c8s.controller.forge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.model.forge.ForgeCredentials;
import dev.c8s.model.forge.ForgeRepository;
import dev.c8s.model.forge.ForgeRequest;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.RunPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommitStatusRequestsTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static CommitReport report(CommitOutcome outcome, String context) {
    return new CommitReport(
        RunPhase.Running, outcome, context, "Running", "https://ci/r/1", SHA, "main");
  }

  @Test
  void gitHubGetsACommitStatusWithABearerTokenAndItsApiVersion() throws Exception {
    ForgeRequest request =
        CommitStatusRequests.of(
            new ForgeRepository(GitProvider.GITHUB, "https://api.github.com", "org/app"),
            new ForgeCredentials("ci-bot", "ghp_secret"),
            report(CommitOutcome.FAILURE, "c8s/app"));

    assertThat(request.uri()).hasToString("https://api.github.com/repos/org/app/statuses/" + SHA);
    assertThat(request.headers())
        .containsEntry("Authorization", "Bearer ghp_secret")
        .containsEntry("X-GitHub-Api-Version", "2022-11-28")
        .containsEntry("Accept", "application/vnd.github+json")
        .containsEntry("User-Agent", "c8s");
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.path("state").asText()).isEqualTo("failure");
    assertThat(body.path("context").asText()).isEqualTo("c8s/app");
    assertThat(body.path("target_url").asText()).isEqualTo("https://ci/r/1");
  }

  @Test
  void gitLabGetsTheProjectPathEncodedAndThePrivateTokenHeader() throws Exception {
    ForgeRequest request =
        CommitStatusRequests.of(
            new ForgeRepository(
                GitProvider.GITLAB, "https://gitlab.example.com/api/v4", "group/sub/app"),
            new ForgeCredentials(null, "glpat-secret"),
            report(CommitOutcome.RUNNING, "c8s/app"));

    assertThat(request.uri())
        .hasToString(
            "https://gitlab.example.com/api/v4/projects/group%2Fsub%2Fapp/statuses/" + SHA);
    assertThat(request.headers()).containsEntry("PRIVATE-TOKEN", "glpat-secret");
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.path("state").asText()).isEqualTo("running");
    assertThat(body.path("name").asText()).isEqualTo("c8s/app");
    assertThat(body.path("ref").asText()).isEqualTo("main");
  }

  @Test
  void bitbucketAccessTokensGoAsBearerAndApiTokensAsBasicCredentials() {
    ForgeRepository repository =
        new ForgeRepository(GitProvider.BITBUCKET, "https://api.bitbucket.org/2.0", "ws/app");
    ForgeRequest accessToken =
        CommitStatusRequests.of(
            repository,
            new ForgeCredentials("x-token-auth", "t0k"),
            report(CommitOutcome.SUCCESS, "c8s/app"));
    ForgeRequest apiToken =
        CommitStatusRequests.of(
            repository,
            new ForgeCredentials("me@example.com", "t0k"),
            report(CommitOutcome.SUCCESS, "c8s/app"));

    assertThat(accessToken.uri())
        .hasToString(
            "https://api.bitbucket.org/2.0/repositories/ws/app/commit/" + SHA + "/statuses/build");
    assertThat(accessToken.headers()).containsEntry("Authorization", "Bearer t0k");
    assertThat(apiToken.headers()).containsEntry("Authorization", "Basic bWVAZXhhbXBsZS5jb206dDBr");
    assertThat(accessToken.body()).contains("\"state\":\"SUCCESSFUL\"", "\"key\":\"c8s-app\"");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "GITHUB, PENDING, pending",
    "GITHUB, RUNNING, pending",
    "GITHUB, SUCCESS, success",
    "GITHUB, FAILURE, failure",
    "GITHUB, CANCELLED, error",
    "GITHUB, ERROR, error",
    "GITLAB, PENDING, pending",
    "GITLAB, RUNNING, running",
    "GITLAB, SUCCESS, success",
    "GITLAB, FAILURE, failed",
    "GITLAB, CANCELLED, canceled",
    "GITLAB, ERROR, failed",
    "BITBUCKET, PENDING, INPROGRESS",
    "BITBUCKET, RUNNING, INPROGRESS",
    "BITBUCKET, SUCCESS, SUCCESSFUL",
    "BITBUCKET, FAILURE, FAILED",
    "BITBUCKET, CANCELLED, STOPPED",
    "BITBUCKET, ERROR, FAILED",
  })
  void eachOutcomeHasTheProvidersOwnWord(
      GitProvider provider, CommitOutcome outcome, String state) {
    assertThat(CommitStatusRequests.state(provider, outcome)).isEqualTo(state);
  }

  @Test
  void bitbucketKeysAreStablePerContextAndDistinctPerMatrixCombination() {
    String linux = CommitStatusRequests.bitbucketKey("c8s/app (os=linux)");
    String mac = CommitStatusRequests.bitbucketKey("c8s/app (os=mac)");

    assertThat(linux).isEqualTo(CommitStatusRequests.bitbucketKey("c8s/app (os=linux)"));
    assertThat(linux).isNotEqualTo(mac).startsWith("c8s-app-os-linux-");
    assertThat(CommitStatusRequests.bitbucketKey("c8s/" + "a".repeat(80))).hasSizeLessThan(41);
  }
}
