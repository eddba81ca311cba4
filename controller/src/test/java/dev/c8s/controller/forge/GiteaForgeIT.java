package dev.c8s.controller.forge;

import static dev.c8s.controller.run.Runs.config;
import static dev.c8s.controller.run.Runs.run;
import static dev.c8s.controller.run.Runs.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.controller.ControlPlaneResource;
import dev.c8s.controller.run.RunAwaits;
import dev.c8s.model.forge.ForgeCredentials;
import dev.c8s.model.forge.ForgeRepository;
import dev.c8s.model.schedule.ScheduleReason;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.testing.GiteaServer;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against a real Gitea: the controller registers the connection's webhook, reports a run on the
 * commit, and removes the webhook with the connection.
 */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class GiteaForgeIT {
  private static final Duration AT_MOST = Duration.ofSeconds(90);
  private static GiteaServer gitea;
  private final KubernetesClient client = ControlPlaneResource.admin();

  @BeforeAll
  static void startGitea() {
    gitea = GiteaServer.start();
  }

  @AfterAll
  static void stopGitea() {
    gitea.close();
  }

  @Test
  void theWebhookIsRegisteredTheRunReportedOnItsCommitAndTheWebhookRemovedWithTheConnection() {
    String ns = SharedControlPlane.get(true).newNamespace("gitea");
    String head = gitea.createRepository("app");
    String repository = gitea.url() + "/" + GiteaServer.OWNER + "/app";
    secret(ns, "api", Map.of("token", gitea.token()));
    secret(ns, "hook", Map.of("webhook-secret", "s3cret"));
    RepositoryConnection connection = new RepositoryConnection();
    connection.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("app").build());
    RepositoryConnectionSpec spec = new RepositoryConnectionSpec();
    // No apiURL: c8s derives <host>/api/v1 from the repository.
    spec.setRepository(repository);
    spec.setProvider(GitProvider.GITEA);
    spec.setAuthSecretRef("api");
    spec.setWebhookSecretRef("hook");
    connection.setSpec(spec);
    client.resource(connection).create();

    JsonNode hooks =
        await()
            .atMost(AT_MOST)
            .until(() -> gitea.api("GET", "/repos/c8s/app/hooks", null), h -> h.size() == 1);
    assertThat(hooks.get(0).path("type").asText()).isEqualTo("gitea");
    assertThat(hooks.get(0).path("config").path("url").asText())
        .isEqualTo("https://ci.example.com/webhooks/gitea");
    assertThat(hooks.get(0).path("events").toString()).contains("push", "pull_request");
    // A hook switched off by hand is set again (PATCH) at the connection's next pass.
    long id = hooks.get(0).path("id").asLong();
    gitea.api("PATCH", "/repos/c8s/app/hooks/" + id, Map.of("active", false));
    client
        .resources(RepositoryConnection.class)
        .inNamespace(ns)
        .withName("app")
        .edit(
            c -> {
              c.getSpec().setPipelineConfigRef("app-ci");
              return c;
            });
    await()
        .atMost(AT_MOST)
        .until(
            () -> gitea.api("GET", "/repos/c8s/app/hooks", null),
            h -> h.size() == 1 && h.get(0).path("active").asBoolean());

    PipelineConfig config = config(ns, "app-ci", step("build", "true"));
    config.getSpec().setRepository(repository);
    client.resource(config).create();
    PipelineRun run = run(ns, "app-ci-1", "app-ci", "main");
    run.getSpec().setCommit(head);
    client.resource(run).create();
    assertThat(RunAwaits.ended(client, ns, "app-ci-1", AT_MOST).getStatus().getPhase())
        .isEqualTo(RunPhase.Succeeded);
    JsonNode status =
        await()
            .atMost(AT_MOST)
            .until(
                () -> gitea.api("GET", "/repos/c8s/app/commits/" + head + "/status", null),
                s -> "success".equals(s.path("state").asText()));
    assertThat(status.path("statuses").get(0).path("context").asText()).isEqualTo("c8s/app-ci");
    assertThat(status.path("statuses").get(0).path("target_url").asText()).contains("app-ci-1");

    client.resource(connection).delete();
    await()
        .atMost(AT_MOST)
        .until(() -> gitea.api("GET", "/repos/c8s/app/hooks", null), h -> h.isEmpty());
  }

  @Test
  void theHeadOfABranchWithASlashIsReadAndAMissingBranchIsNamed() throws Exception {
    String head = gitea.createRepository("lib");
    gitea.api(
        "POST",
        "/repos/" + GiteaServer.OWNER + "/lib/branches",
        Map.of("new_branch_name", "release/1.2", "old_branch_name", "main"));
    ForgeRepository repository =
        new ForgeRepository(GitProvider.GITEA, gitea.url() + "/api/v1", GiteaServer.OWNER + "/lib");
    ForgeCredentials token = new ForgeCredentials(null, gitea.token());
    ForgeClient forge = new ForgeClient(Clock.systemUTC());

    ForgeClient.Exchange found =
        forge.exchange(BranchHeadRequests.of(repository, token, "release/1.2"));
    ForgeClient.Exchange missing =
        forge.exchange(BranchHeadRequests.of(repository, token, "release/9.9"));

    assertThat(
            BranchHeadRequests.read(
                GitProvider.GITEA, "release/1.2", found.status(), found.body(), "api"))
        .isEqualTo(new BranchHead.Found(head));
    assertThat(
            BranchHeadRequests.read(
                GitProvider.GITEA, "release/9.9", missing.status(), missing.body(), "api"))
        .isInstanceOfSatisfying(
            BranchHead.Refused.class,
            r -> assertThat(r.reason()).isEqualTo(ScheduleReason.BranchNotFound));
  }

  private void secret(String ns, String name, Map<String, String> data) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .withStringData(data)
                .build())
        .create();
  }
}
