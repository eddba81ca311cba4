package dev.c8s.controller.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.forge.ForgeCredentials;
import dev.c8s.model.forge.ForgeRepository;
import dev.c8s.model.forge.ForgeRequest;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.testing.PublishedForgeApi;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * c8s's commit status requests against each provider's endpoint held to its published OpenAPI
 * description.
 */
class ForgeClientIT {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
  private final ForgeClient client = new ForgeClient(Clock.fixed(NOW, ZoneOffset.UTC));

  private static CommitReport report(CommitOutcome outcome) {
    return new CommitReport(
        RunPhase.Running,
        outcome,
        "c8s/app (os=linux)",
        "Failed: step test failed with exit code 1",
        "https://ci.example.com/api/v1/namespaces/team/pipelineruns/app-1",
        SHA,
        "main");
  }

  private static ForgeRepository repository(PublishedForgeApi api, GitProvider provider) {
    return new ForgeRepository(
        provider, api.apiUrl(), provider == GitProvider.GITLAB ? "group/sub/app" : "org/app");
  }

  @ParameterizedTest
  @EnumSource(GitProvider.class)
  void everyOutcomeIsARequestThePublishedDescriptionAccepts(GitProvider provider) {
    try (PublishedForgeApi api = PublishedForgeApi.start(provider)) {
      for (CommitOutcome outcome : CommitOutcome.values()) {
        ForgeRequest request =
            CommitStatusRequests.of(
                repository(api, provider),
                new ForgeCredentials("x-token-auth", "t0k"),
                report(outcome));

        assertThat(client.send(provider, request, "repo-token"))
            .as("%s %s", provider, outcome)
            .isInstanceOf(ForgeAnswer.Accepted.class);
      }
      assertThat(api.invalid()).isEmpty();
      assertThat(api.received()).hasSize(CommitOutcome.values().length);
    }
  }

  @Test
  void aRequestOutsideThePublishedDescriptionIsRefusedByTheTestServer() {
    try (PublishedForgeApi api = PublishedForgeApi.start(GitProvider.GITHUB)) {
      ForgeRequest bogus =
          new ForgeRequest(
              "POST",
              URI.create(api.apiUrl() + "/repos/org/app/statuses/" + SHA),
              Map.of("Content-Type", "application/json"),
              "{\"state\":\"running\",\"context\":\"c8s/app\"}");

      ForgeAnswer answer = client.send(GitProvider.GITHUB, bogus, "repo-token");

      assertThat(answer).isInstanceOf(ForgeAnswer.Refused.class);
      assertThat(api.invalid())
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.problems())
                      .anyMatch(p -> p.contains("$.state") && p.contains("enumeration")));
    }
  }

  @Test
  void gitHubsRateLimitAnswerIsReadFromItsHeaders() {
    try (PublishedForgeApi api = PublishedForgeApi.start(GitProvider.GITHUB)) {
      api.script(
          new PublishedForgeApi.Answer(
              403,
              Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1796032800"),
              "{\"message\":\"API rate limit exceeded\"}"),
          1);

      ForgeAnswer answer =
          client.send(
              GitProvider.GITHUB,
              CommitStatusRequests.of(
                  repository(api, GitProvider.GITHUB),
                  new ForgeCredentials(null, "t0k"),
                  report(CommitOutcome.SUCCESS)),
              "repo-token");

      assertThat(answer)
          .isEqualTo(
              new ForgeAnswer.Retry(
                  "GitHub rate limit reached (403: API rate limit exceeded)",
                  Instant.ofEpochSecond(1796032800),
                  true));
      assertThat(api.received().get(0).header("Authorization")).isEqualTo("Bearer t0k");
    }
  }

  @Test
  void anUnreachableProviderIsRetriedNotRefused() {
    ForgeRequest request =
        CommitStatusRequests.of(
            new ForgeRepository(GitProvider.GITLAB, "http://127.0.0.1:1/api/v4", "g/app"),
            new ForgeCredentials(null, "t0k"),
            report(CommitOutcome.RUNNING));

    ForgeAnswer answer = client.send(GitProvider.GITLAB, request, "repo-token");

    assertThat(answer).isInstanceOf(ForgeAnswer.Retry.class);
    assertThat(((ForgeAnswer.Retry) answer).message())
        .startsWith("GitLab could not be reached at 127.0.0.1");
  }
}
