package dev.c8s.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.c8s.e2e.GitHubPush;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.testing.GitServer;
import dev.c8s.testing.node.NodeImages;
import dev.c8s.testing.node.SharedRealNodeCluster;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The chart installed with helm on the real node runs c8s as a cluster does: the three services
 * start from the images built here and pass their probes, admission goes through the webhook's
 * Service, and a push signed as GitHub signs it runs to Succeeded with only the chart's RBAC.
 */
class HelmInstallE2E {
  private static final String SECRET = "chart-webhook-secret";

  @Test
  void helmInstallRunsTheServicesFromTheImagesAndASignedPushToSucceeded() throws Exception {
    ChartOnTheNode chart = ChartOnTheNode.install(SharedRealNodeCluster.get());
    KubernetesClient admin = chart.cluster.client();

    chart.awaitAvailable(Duration.ofMinutes(4));

    assertThat(chart.deployments())
        .extracting(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .containsExactlyInAnyOrder(
            "c8s-dev/c8s-controller:0.1.0", "c8s-dev/c8s-api-server:0.1.0", "c8s-dev/c8s-webhook:0.1.0");
    String ns = chart.cluster.newNamespace("team");
    // Admission reaches the webhook through its Service: a dependency cycle only it can see.
    assertThatThrownBy(() -> admin.resource(config(ns, "loop", cyclicSteps())).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("denied the request")
        .hasMessageContaining("cycle");

    try (GitServer git = GitServer.start(chart.cluster.hostAddress(), "app", "ci", "pw")) {
      String repository = git.url(chart.cluster.hostAddress());
      secret(admin, ns, "webhook", Map.of("webhook-secret", SECRET));
      secret(admin, ns, "git", Map.of("username", "ci", "password", "pw"));
      admin.resource(connection(ns, repository)).create();
      admin.resource(config(ns, "app-ci", checkoutStep(), repository)).create();
      String commit = git.commit(Map.of("README.md", "installed by helm\n"), "first");

      HttpResponse<String> answer =
          GitHubPush.send(
              chart.serviceUri("c8s-webhook", "http"), SECRET, repository, "main", commit);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);

      PipelineRun run =
          Awaitility.await("the pushed run ends")
              .atMost(Duration.ofMinutes(3))
              .pollInterval(Duration.ofMillis(500))
              .until(() -> onlyRun(admin, ns), r -> r != null && terminal(r));
      assertThat(run.getStatus().getPhase())
          .as(Serialization.asYaml(run.getStatus()))
          .isEqualTo(RunPhase.Succeeded);
      String logUrl = run.getStatus().getSteps().get(0).getLogUrl();
      assertThat(chart.object(logUrl)).contains(commit, "installed by helm");
    }
  }

  private static PipelineRun onlyRun(KubernetesClient admin, String ns) {
    List<PipelineRun> runs = admin.resources(PipelineRun.class).inNamespace(ns).list().getItems();
    return runs.size() == 1 ? runs.get(0) : null;
  }

  private static boolean terminal(PipelineRun run) {
    return run.getStatus() != null
        && run.getStatus().getPhase() != null
        && run.getStatus().getPhase().isTerminal();
  }

  private static String checkoutStep() {
    return """
          - name: checkout
            image: %s
            commands:
              - git -c safe.directory='*' rev-parse HEAD
              - cat README.md
            resources: {cpu: 100m, memory: 64Mi}
        """
        .formatted(NodeImages.HELPER);
  }

  private static String cyclicSteps() {
    return """
          - name: a
            image: %1$s
            commands: ["true"]
            dependsOn: [b]
          - name: b
            image: %1$s
            commands: ["true"]
            dependsOn: [a]
        """
        .formatted(NodeImages.STEP);
  }

  private static PipelineConfig config(String ns, String name, String steps) {
    return config(ns, name, steps, "https://github.com/e2e/app");
  }

  private static PipelineConfig config(String ns, String name, String steps, String repository) {
    String yaml =
        """
        apiVersion: c8s.dev/v1alpha1
        kind: PipelineConfig
        metadata:
          name: %s
          namespace: %s
        spec:
          repository: %s
          branches: ["main"]
          steps:
        %s"""
            .formatted(name, ns, repository, steps);
    return Serialization.unmarshal(yaml, PipelineConfig.class);
  }

  private static RepositoryConnection connection(String ns, String repository) {
    return Serialization.unmarshal(
        """
        apiVersion: c8s.dev/v1alpha1
        kind: RepositoryConnection
        metadata:
          name: app
          namespace: %s
        spec:
          repository: %s
          provider: github
          webhookSecretRef: webhook
          authSecretRef: git
          pipelineConfigRef: app-ci
        """
            .formatted(ns, repository),
        RepositoryConnection.class);
  }

  private static void secret(
      KubernetesClient admin, String ns, String name, Map<String, String> data) {
    admin
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withStringData(data)
                .build())
        .create();
  }
}
