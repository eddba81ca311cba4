package dev.c8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.model.v1alpha1.LogsArchived;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.testing.GiteaServer;
import dev.c8s.testing.node.NodeImages;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A real Gitea end to end: a commit pushed to it reaches the webhook, the step clones the commit
 * from Gitea on a real container, and the run's success is shown on the commit in Gitea.
 */
class GiteaE2E {
  private static final String SECRET = "gitea-e2e-secret";

  @Test
  void aCommitPushedToGiteaIsClonedBuiltAndReportedBackOnTheCommit() {
    Platform platform = Platform.get();
    try (GiteaServer gitea = GiteaServer.start(platform.hostAddress())) {
      String ns = platform.cluster().newNamespace("gitea");
      gitea.createRepository("app");
      String repository = gitea.url() + "/" + GiteaServer.OWNER + "/app.git";
      TestObjects.secret(platform.admin(), ns, "webhook", Map.of("webhook-secret", SECRET));
      // One token clones over https and calls the API.
      TestObjects.secret(
          platform.admin(),
          ns,
          "gitea",
          Map.of("username", GiteaServer.OWNER, "password", gitea.token()));
      platform
          .admin()
          .resource(
              Serialization.unmarshal(
                  """
                  apiVersion: c8s.dev/v1alpha1
                  kind: PipelineConfig
                  metadata: {name: app-ci, namespace: %s}
                  spec:
                    repository: %s
                    branches: ["main"]
                    timeout: 10m
                    steps:
                      - name: build
                        image: %s
                        commands:
                          - cat VERSION
                        resources: {cpu: 100m, memory: 128Mi}
                  """
                      .formatted(ns, repository, NodeImages.STEP),
                  PipelineConfig.class))
          .create();
      platform
          .admin()
          .resource(
              Serialization.unmarshal(
                  """
                  apiVersion: c8s.dev/v1alpha1
                  kind: RepositoryConnection
                  metadata: {name: app, namespace: %s}
                  spec:
                    repository: %s
                    provider: gitea
                    webhookSecretRef: webhook
                    authSecretRef: gitea
                    pipelineConfigRef: app-ci
                  """
                      .formatted(ns, repository),
                  RepositoryConnection.class))
          .create();
      gitea.api(
          "POST",
          "/repos/c8s/app/hooks",
          Map.of(
              "type",
              "gitea",
              "active",
              true,
              "events",
              List.of("push"),
              "config",
              Map.of(
                  "url",
                  platform.webhook().resolve("/webhooks/gitea").toString(),
                  "content_type",
                  "json",
                  "secret",
                  SECRET)));

      gitea.commitFile("app", "VERSION", "gitea-1.26\n");
      String commit = gitea.head("app");

      PipelineRun started =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> runOf(platform, ns, commit), Optional::isPresent)
              .orElseThrow();
      PipelineRun run =
          await()
              .atMost(Duration.ofMinutes(4))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> get(platform, ns, started.getMetadata().getName()),
                  LogsArchived::endedWithLogs);

      assertThat(run.getStatus().getPhase())
          .as(Serialization.asYaml(run.getStatus()))
          .isEqualTo(RunPhase.Succeeded);
      String log = platform.object(Team.step(run, "build").getLogUrl());
      assertThat(log).contains("checked out " + commit, "gitea-1.26");
      JsonNode status =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> gitea.api("GET", "/repos/c8s/app/commits/" + commit + "/status", null),
                  s -> "success".equals(s.path("state").asText()));
      assertThat(status.path("statuses").get(0).path("context").asText()).isEqualTo("c8s/app-ci");
    }
  }

  private static Optional<PipelineRun> runOf(Platform platform, String ns, String commit) {
    return platform.admin().resources(PipelineRun.class).inNamespace(ns).list().getItems().stream()
        .filter(r -> commit.equals(r.getSpec().getCommit()))
        .findFirst();
  }

  private static PipelineRun get(Platform platform, String ns, String name) {
    return platform.admin().resources(PipelineRun.class).inNamespace(ns).withName(name).get();
  }
}
