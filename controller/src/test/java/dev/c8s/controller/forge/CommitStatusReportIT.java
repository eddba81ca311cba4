package dev.c8s.controller.forge;

import static dev.c8s.controller.forge.ForgeConnections.SHA;
import static dev.c8s.controller.forge.ForgeConnections.connect;
import static dev.c8s.controller.forge.ForgeConnections.fullShaRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.controller.ControlPlaneResource;
import dev.c8s.controller.run.RunAwaits;
import dev.c8s.model.v1alpha1.CommitStatusReport;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.testing.PublishedForgeApi;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs on a real control plane report their phases to the provider of their repository, whose API
 * is held to its published OpenAPI description; the provider's outages and rate limits delay the
 * statuses, never the run.
 */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class CommitStatusReportIT {
  private final KubernetesClient client = ControlPlaneResource.admin();
  private String ns;

  @BeforeEach
  void namespace() {
    ns = SharedControlPlane.get(true).newNamespace("forge");
  }

  @ParameterizedTest
  @EnumSource(GitProvider.class)
  void aRunsPhasesReachItsProviderAsCommitStatusesItsPublishedApiAccepts(GitProvider provider) {
    try (PublishedForgeApi api = PublishedForgeApi.start(provider)) {
      connect(client, ns, provider, api, "app");
      PipelineRun run = finishReported("app", "app-1");

      CommitStatusReport record = run.getStatus().getCommitStatus();
      String success = CommitStatusRequests.state(provider, CommitOutcome.SUCCESS);
      assertThat(record.getState()).isEqualTo(success);
      assertThat(record.getContext()).isEqualTo("c8s/app");
      assertThat(record.getDescription()).startsWith("Succeeded in ");
      assertThat(record.getTargetUrl()).endsWith("/namespaces/" + ns + "/pipelineruns/app-1");
      assertThat(record.getMessage()).isNull();
      assertThat(api.invalid()).isEmpty();
      List<String> states = states(api, provider);
      assertThat(states).last().isEqualTo(success);
      assertThat(api.received())
          .extracting(r -> r.body().path("state").asText() + " " + r.body().path("description"))
          .as("each status once: the run's record keeps it from being sent again")
          .doesNotHaveDuplicates();
      assertThat(api.received()).allSatisfy(r -> assertThat(r.path()).contains(SHA));
    }
  }

  @Test
  void aProviderOutageDelaysTheStatusNotTheRunAndTheStatusArrivesWhenItIsBack() {
    try (PublishedForgeApi api = PublishedForgeApi.start(GitProvider.GITHUB)) {
      api.script(new PublishedForgeApi.Answer(503, Map.of(), "{\"message\":\"Unavailable\"}"), 4);
      connect(client, ns, GitProvider.GITHUB, api, "outage");
      client.resource(fullShaRun(ns, "outage", "outage-1")).create();

      PipelineRun ended = RunAwaits.ended(client, ns, "outage-1", Duration.ofSeconds(60));
      assertThat(ended.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
      PipelineRun reported = awaitReported("outage-1", RunPhase.Succeeded);

      assertThat(reported.getStatus().getCommitStatus().getState()).isEqualTo("success");
      assertThat(api.received().size()).isGreaterThan(4);
      assertThat(api.invalid()).isEmpty();
    }
  }

  @Test
  void aRateLimitedProviderIsNotAskedAgainBeforeItsResetTime() {
    try (PublishedForgeApi api = PublishedForgeApi.start(GitProvider.GITHUB)) {
      // GitHub's reset header is in whole epoch seconds.
      Instant reset = Instant.ofEpochSecond(Instant.now().plusSeconds(4).getEpochSecond());
      api.script(
          new PublishedForgeApi.Answer(
              403,
              Map.of(
                  "x-ratelimit-remaining",
                  "0",
                  "x-ratelimit-reset",
                  Long.toString(reset.getEpochSecond())),
              "{\"message\":\"API rate limit exceeded for user ID 1.\"}"),
          1);
      connect(client, ns, GitProvider.GITHUB, api, "limited");

      finishReported("limited", "limited-1");

      List<Instant> times = api.receivedAt();
      assertThat(times).hasSizeGreaterThan(1);
      assertThat(times.subList(1, times.size()))
          .as("requests after the rate limit answer")
          .allSatisfy(t -> assertThat(t).isAfterOrEqualTo(reset));
    }
  }

  @Test
  void aTokenWithoutPermissionIsNamedInTheRunsRecordAndTheRunStillSucceeds() {
    try (PublishedForgeApi api = PublishedForgeApi.start(GitProvider.GITLAB)) {
      api.script(
          new PublishedForgeApi.Answer(403, Map.of(), "{\"message\":\"403 Forbidden\"}"), 100);
      connect(client, ns, GitProvider.GITLAB, api, "denied");
      client.resource(fullShaRun(ns, "denied", "denied-1")).create();

      PipelineRun run =
          RunAwaits.until(
              client,
              ns,
              "denied-1",
              Duration.ofSeconds(60),
              r ->
                  RunAwaits.isTerminal(r)
                      && r.getStatus().getCommitStatus() != null
                      && r.getStatus().getCommitStatus().getMessage() != null);

      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
      assertThat(run.getStatus().getCommitStatus().getMessage())
          .contains("Secret forge-token", "403", "api scope", "Developer role");
      assertThat(run.getStatus().getCommitStatus().getReportedAt()).isNull();
    }
  }

  private PipelineRun finishReported(String config, String name) {
    client.resource(fullShaRun(ns, config, name)).create();
    return awaitReported(name, RunPhase.Succeeded);
  }

  private PipelineRun awaitReported(String name, RunPhase phase) {
    return RunAwaits.until(
        client,
        ns,
        name,
        Duration.ofSeconds(60),
        r ->
            r.getStatus() != null
                && r.getStatus().getCommitStatus() != null
                && r.getStatus().getCommitStatus().getPhase() == phase
                && r.getStatus().getCommitStatus().getReportedAt() != null);
  }

  private static List<String> states(PublishedForgeApi api, GitProvider provider) {
    return api.received().stream()
        .map(r -> r.body().path("state").asText())
        .map(s -> provider == GitProvider.BITBUCKET ? s : s.toLowerCase(Locale.ROOT))
        .toList();
  }
}
