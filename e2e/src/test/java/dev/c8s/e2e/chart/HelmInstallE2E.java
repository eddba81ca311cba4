package dev.c8s.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.c8s.e2e.GitHubPush;
import dev.c8s.e2e.TestObjects;
import dev.c8s.model.v1alpha1.LogsArchived;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.testing.GitServer;
import dev.c8s.testing.node.NodeImages;
import dev.c8s.testing.node.SharedRealNodeCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The chart installed with helm on the real node runs c8s as a cluster does: the three services
 * start from the images built here and pass their probes, admission goes through the webhook's
 * Service, a push signed as GitHub signs it runs to Succeeded with only the chart's RBAC, the
 * api-server answers a real token, and the containers run as the chart says; then the release's
 * lifecycle with the helm CLI: upgrade under a stream of deliveries, rollback, uninstall. One
 * release, tests in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelmInstallE2E {
  private static final String SECRET = "chart-webhook-secret";
  private static ChartOnTheNode chart;
  private static KubernetesClient admin;
  private static String ns;
  private static String runName;

  @BeforeAll
  static void installTheChart() {
    chart = ChartOnTheNode.install(SharedRealNodeCluster.get());
    admin = chart.cluster.client();
    chart.awaitAvailable(Duration.ofMinutes(4));
    ns = chart.cluster.newNamespace("team");
  }

  @AfterAll
  static void stopObjectStorage() {
    chart.s3.close();
  }

  @Test
  @Order(1)
  void everyDeploymentBecomesAvailableFromTheImagesBuiltHere() {
    assertThat(chart.deployments())
        .extracting(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .containsExactlyInAnyOrder(
            "c8s-dev/c8s-controller:0.1.0",
            "c8s-dev/c8s-api-server:0.1.0",
            "c8s-dev/c8s-webhook:0.1.0");
    assertThat(chart.deployments())
        .allSatisfy(d -> assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(1));
  }

  @Test
  @Order(2)
  void theApiServerCallsTheAdmissionWebhookThroughItsService() {
    // A dependency cycle: only the webhook sees it, the CRD schema cannot.
    assertThatThrownBy(() -> admin.resource(config(ns, "loop", cyclicSteps())).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("denied the request")
        .hasMessageContaining("cycle");
  }

  @Test
  @Order(3)
  void aSignedPushToTheWebhooksServiceRunsToSucceededOnRealContainers() throws Exception {
    try (GitServer git = GitServer.start(chart.cluster.hostAddress(), "app", "ci", "pw")) {
      String repository = git.url(chart.cluster.hostAddress());
      secret(admin, ns, "webhook", Map.of("webhook-secret", SECRET));
      secret(admin, ns, "git", Map.of("username", "ci", "password", "pw"));
      admin.resource(config(ns, "app-ci", checkoutStep(), repository)).create();
      admin.resource(connection(ns, "app", repository, "app-ci")).create();
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
      runName = run.getMetadata().getName();
      assertThat(run.getStatus().getPhase())
          .as(Serialization.asYaml(run.getStatus()))
          .isEqualTo(RunPhase.Succeeded);
      String logUrl = run.getStatus().getSteps().get(0).getLogUrl();
      assertThat(chart.object(logUrl)).contains(commit, "installed by helm");
    }
  }

  @Test
  @Order(4)
  void stepJobsCloneAndTransferWithC8sOwnHelperImageByDefault() {
    var job =
        admin.batch().v1().jobs().inNamespace(ns).list().getItems().stream()
            .filter(j -> j.getMetadata().getName().startsWith(runName))
            .findFirst()
            .orElseThrow();

    assertThat(job.getSpec().getTemplate().getSpec().getInitContainers().get(0).getImage())
        .isEqualTo("c8s-dev/c8s-helper:0.1.0");
  }

  @Test
  @Order(5)
  void theApiServerAnswersARealServiceAccountTokenAndRefusesNone() throws Exception {
    String token = ReleaseAccess.developerToken(admin, ns);
    URI run =
        chart
            .serviceUri("c8s-api-server", "http")
            .resolve("/api/v1/namespaces/" + ns + "/pipelineruns/" + runName);

    HttpResponse<String> withToken = ReleaseAccess.get(run, token);
    HttpResponse<String> without = ReleaseAccess.get(run, null);

    assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
    assertThat(withToken.body()).contains("\"Succeeded\"");
    assertThat(without.statusCode()).isEqualTo(401);
  }

  @Test
  @Order(6)
  void insideTheContainersTheChartsSecurityContextAndLimitsAreInForce() {
    for (String component : List.of("controller", "api-server", "webhook")) {
      ReleaseAccess.Container container = ReleaseAccess.container(admin, component);

      assertThat(container.exec("id", "-u")).as(component).isEqualTo("1001");
      assertThat(container.exec("sh", "-c", "touch /probe 2>&1 || echo refused"))
          .as(component + ": read-only root filesystem")
          .contains("Read-only file system");
      assertThat(container.exec("sh", "-c", "touch /tmp/probe && echo writable"))
          .as(component + ": /tmp")
          .isEqualTo("writable");
      assertThat(container.memoryLimitBytes())
          .as(component + ": memory limit")
          .isEqualTo(container.declaredMemoryLimitBytes());
    }
  }

  @Test
  @Order(7)
  void helmUpgradeWithAChangedValueRollsEveryDeploymentWhileNoDeliveryIsLost() throws Exception {
    Map<String, Long> generations = chart.generations();
    // Runs of this pipeline skip their only step: the deliveries put no load on the node.
    String repository = "https://github.com/e2e/stream";
    admin.resource(config(ns, "stream-ci", skippedStep(), repository)).create();
    admin.resource(connection(ns, "stream", repository, "stream-ci")).create();
    try (DeliveryStream deliveries =
        DeliveryStream.start(chart.serviceUri("c8s-webhook", "http"), SECRET, repository)) {
      chart.upgrade(Map.of("logging.level", "DEBUG"));
      chart.awaitRolledOut(generations, Duration.ofMinutes(4));
      deliveries.stop();

      assertThat(deliveries.failures()).as("deliveries not answered 201").isEmpty();
      assertThat(deliveries.accepted()).isGreaterThan(0);
      Awaitility.await("one run per accepted delivery")
          .atMost(Duration.ofSeconds(30))
          .until(() -> runsOf(admin, ns, "stream-ci").size() == deliveries.accepted());
      System.out.printf(
          "helm upgrade: %d deliveries during the rollout, %d accepted, %d failed%n",
          deliveries.sent(), deliveries.accepted(), deliveries.failures().size());
    }
  }

  @Test
  @Order(8)
  void helmRollbackRestoresThePreviousRevisionAndRollsBack() {
    assertThat(logLevels()).containsOnly("DEBUG");
    Map<String, Long> generations = chart.generations();

    chart.rollback(1);
    chart.awaitRolledOut(generations, Duration.ofMinutes(4));

    assertThat(logLevels()).containsOnly("INFO");
    assertThat(chart.history()).contains("Rollback to 1");
  }

  @Test
  @Order(9)
  void helmUninstallLeavesOnlyWhatTheDocsSayIsKept() {
    chart.uninstall();

    Awaitility.await("the release's namespaced objects gone")
        .atMost(Duration.ofMinutes(2))
        .until(() -> chart.remainingObjects().isEmpty());
    assertThat(chart.remainingClusterObjects()).isEmpty();
    // Kept, as docs/operations.md says: the CRDs, and with them every team's runs.
    assertThat(
            admin
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("pipelineruns.c8s.dev")
                .get())
        .isNotNull();
    assertThat(runs(admin, ns)).isNotEmpty();
  }

  /** The c8s log level each Deployment's pods are given. */
  private static List<String> logLevels() {
    return chart.deployments().stream()
        .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream())
        .filter(e -> e.getName().equals("QUARKUS_LOG_CATEGORY__DEV_C8S__LEVEL"))
        .map(e -> e.getValue())
        .toList();
  }

  private static List<PipelineRun> runs(KubernetesClient admin, String ns) {
    return admin.resources(PipelineRun.class).inNamespace(ns).list().getItems();
  }

  private static List<PipelineRun> runsOf(KubernetesClient admin, String ns, String config) {
    return runs(admin, ns).stream()
        .filter(r -> config.equals(r.getSpec().getPipelineConfigRef()))
        .toList();
  }

  private static String skippedStep() {
    return """
          - name: never
            image: %s
            commands: ["true"]
            conditional: {branch: "never-*"}
        """
        .formatted(NodeImages.STEP);
  }

  private static PipelineRun onlyRun(KubernetesClient admin, String ns) {
    List<PipelineRun> runs = admin.resources(PipelineRun.class).inNamespace(ns).list().getItems();
    return runs.size() == 1 ? runs.get(0) : null;
  }

  private static boolean terminal(PipelineRun run) {
    return LogsArchived.endedWithLogs(run);
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

  private static RepositoryConnection connection(
      String ns, String name, String repository, String pipeline) {
    return Serialization.unmarshal(
        """
        apiVersion: c8s.dev/v1alpha1
        kind: RepositoryConnection
        metadata:
          name: %s
          namespace: %s
        spec:
          repository: %s
          provider: github
          webhookSecretRef: webhook
          authSecretRef: git
          pipelineConfigRef: %s
        """
            .formatted(name, ns, repository, pipeline),
        RepositoryConnection.class);
  }

  private static void secret(
      KubernetesClient admin, String ns, String name, Map<String, String> data) {
    TestObjects.secret(admin, ns, name, data);
  }
}
