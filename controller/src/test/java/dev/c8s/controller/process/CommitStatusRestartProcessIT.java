package dev.c8s.controller.process;

import static dev.c8s.controller.forge.ForgeConnections.connect;
import static dev.c8s.controller.forge.ForgeConnections.fullShaRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.controller.run.RunAwaits;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.PublishedForgeApi;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The packaged controller, under the chart's RBAC, restarted after a run's statuses reached the
 * provider: the restarted one reconciles that run again and sends none of them a second time.
 */
class CommitStatusRestartProcessIT {

  @Test
  void aRestartedControllerDoesNotSendAStatusTheProviderAlreadyShows() {
    ControlPlane plane = SharedControlPlane.get(true);
    KubernetesClient client = plane.client();
    String ns = plane.newNamespace("forge-restart");
    ControllerProcess.deleteLease(plane);
    Path log = Path.of("target/controller-commit-status.log");
    try (PublishedForgeApi api = PublishedForgeApi.start(GitProvider.GITHUB)) {
      connect(client, ns, GitProvider.GITHUB, api, "app");
      try (ControllerProcess first = ControllerProcess.start(plane, S3ProxyServer.shared(), log)) {
        client.resource(fullShaRun(ns, "app", "app-1")).create();
        reported(client, ns, "app-1");
      }
      long sentForFirst = sentFor(api, "app-1");

      try (ControllerProcess second = ControllerProcess.start(plane, S3ProxyServer.shared(), log)) {
        // The restarted controller reconciles every run when its caches fill, before it gets to
        // a run created after it started; that run's statuses mark the time.
        client.resource(fullShaRun(ns, "app", "app-2")).create();
        reported(client, ns, "app-2");
      }

      // Running then Succeeded, or only Succeeded when the run ended before Running was sent.
      assertThat(sentForFirst)
          .as("statuses sent for app-1 by the first controller")
          .isBetween(1L, 2L);
      assertThat(sentFor(api, "app-1")).as("after the restart").isEqualTo(sentForFirst);
      assertThat(sentFor(api, "app-2")).isBetween(1L, 2L);
      assertThat(api.invalid()).isEmpty();
    }
  }

  private static PipelineRun reported(KubernetesClient client, String ns, String name) {
    return RunAwaits.until(
        client,
        ns,
        name,
        Duration.ofSeconds(120),
        r ->
            r.getStatus() != null
                && r.getStatus().getCommitStatus() != null
                && r.getStatus().getCommitStatus().getPhase() == RunPhase.Succeeded
                && r.getStatus().getCommitStatus().getReportedAt() != null);
  }

  private static long sentFor(PublishedForgeApi api, String run) {
    return api.received().stream()
        .filter(r -> r.body().path("target_url").asText().endsWith("/" + run))
        .count();
  }
}
