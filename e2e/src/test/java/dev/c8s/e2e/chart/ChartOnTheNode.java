package dev.c8s.e2e.chart;

import dev.c8s.e2e.TestObjects;
import dev.c8s.e2e.images.ServiceImage;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.node.RealNodeCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The chart installed with {@code helm} on the real node, as an operator installs it: the images
 * built here imported into the node's containerd, object storage on the host, the release in {@code
 * c8s-system}.
 */
final class ChartOnTheNode {
  static final String RELEASE = "c8s";
  static final String NAMESPACE = "c8s-system";
  static final String LOGS_BUCKET = "c8s-logs";
  static final Path CHART = Path.of("../charts/c8s");
  private static final Map<String, String> INSTANCE = Map.of("app.kubernetes.io/instance", RELEASE);

  final RealNodeCluster cluster;
  final S3ProxyServer s3;

  private ChartOnTheNode(RealNodeCluster cluster, S3ProxyServer s3) {
    this.cluster = cluster;
    this.s3 = s3;
  }

  /** Imports the service images, creates the buckets and installs the chart; waits for nothing. */
  static ChartOnTheNode install(RealNodeCluster cluster) {
    return prepare(cluster, S3ProxyServer.startOn(cluster.hostAddress())).release("install");
  }

  /**
   * As {@link #install}, with object storage of the caller's, and an upgrade when the release is
   * there already (a cluster started again on kept data).
   */
  static ChartOnTheNode installOrUpgrade(RealNodeCluster cluster, S3ProxyServer s3) {
    return prepare(cluster, s3).release("upgrade", "--install");
  }

  private ChartOnTheNode release(String... verb) {
    List<String> args = new ArrayList<>(List.of(verb));
    args.addAll(
        List.of(RELEASE, CHART.toString(), "--create-namespace", "-f", values().toString()));
    helm(args.toArray(String[]::new));
    return this;
  }

  /** Imports the images into the node and creates the buckets that are missing. */
  private static ChartOnTheNode prepare(RealNodeCluster cluster, S3ProxyServer s3) {
    Path manifest = Path.of(System.getProperty("c8s.images.manifest"));
    // The three services, and the helper image the chart gives step Jobs by default.
    for (Path listed : List.of(manifest, manifest.resolveSibling("helper.manifest"))) {
      for (ServiceImage image : ServiceImage.listed(listed)) {
        cluster.importImage(image.archive());
      }
    }
    try (S3Client client = TestObjects.s3Client(s3)) {
      List<String> present = client.listBuckets().buckets().stream().map(b -> b.name()).toList();
      for (String bucket : List.of(LOGS_BUCKET, "c8s-artifacts")) {
        if (!present.contains(bucket)) {
          client.createBucket(b -> b.bucket(bucket));
        }
      }
    }
    return new ChartOnTheNode(cluster, s3);
  }

  /** The values an operator would write for this cluster. */
  Path values() {
    String yaml =
        """
        image:
          pullPolicy: Never
        logging:
          format: text
        storage:
          s3:
            endpoint: %s
            credentials:
              accessKeyId: %s
              secretAccessKey: %s
        """
            .formatted(s3.endpoint(), S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
    try {
      Path file = Files.createTempFile("c8s-values", ".yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until every Deployment of the release has all its replicas available (their readiness
   * probes pass); on timeout the error lists each pod's state and the last lines of its log.
   */
  void awaitAvailable(Duration atMost) {
    KubernetesClient admin = cluster.client();
    try {
      Awaitility.await("the release's Deployments available")
          .atMost(atMost)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> deployments().stream().allMatch(ChartOnTheNode::available));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "\n" + podReport(admin), e);
    }
  }

  List<Deployment> deployments() {
    return cluster.client().apps().deployments().inNamespace(NAMESPACE).list().getItems();
  }

  /** Each Deployment's generation now. */
  Map<String, Long> generations() {
    return deployments().stream()
        .collect(
            Collectors.toMap(d -> d.getMetadata().getName(), d -> d.getMetadata().getGeneration()));
  }

  /** {@code helm upgrade} with this cluster's values and {@code changes} on top. */
  void upgrade(Map<String, String> changes) {
    List<String> args =
        new ArrayList<>(List.of("upgrade", RELEASE, CHART.toString(), "-f", values().toString()));
    changes.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
    helm(args.toArray(String[]::new));
  }

  /** {@code helm rollback} to {@code revision}. */
  void rollback(int revision) {
    helm("rollback", RELEASE, String.valueOf(revision));
  }

  /** {@code helm history} as printed (revision, status, description per line). */
  String history() {
    return helm("history", RELEASE);
  }

  /**
   * Runs the helm CLI (built by scripts/helm-cli.sh, path in {@code c8s.helm}) against the node, in
   * the release namespace; its output, or an error with it when helm fails.
   */
  String helm(String... args) {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("c8s.helm", "helm"));
    command.addAll(List.of(args));
    command.addAll(
        List.of("--namespace", NAMESPACE, "--kubeconfig", cluster.kubeConfigFile().toString()));
    try {
      Path output = Files.createTempFile("helm", ".out");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      // Output goes to a file, so a helm that hangs meets the timeout instead of a blocked read.
      boolean ended = process.waitFor(5, TimeUnit.MINUTES);
      if (!ended) {
        process.destroyForcibly();
      }
      String text = Files.readString(output);
      Files.delete(output);
      if (!ended || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until every Deployment has a newer generation than in {@code before} and all its replicas
   * are updated and available, with no old pod left.
   */
  void awaitRolledOut(Map<String, Long> before, Duration atMost) {
    try {
      Awaitility.await("every Deployment rolled out")
          .atMost(atMost)
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  deployments().stream()
                      .allMatch(
                          d ->
                              d.getMetadata().getGeneration()
                                      > before.get(d.getMetadata().getName())
                                  && rolledOut(d)));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "\n" + podReport(cluster.client()), e);
    }
  }

  /** {@code helm uninstall}. */
  void uninstall() {
    helm("uninstall", RELEASE);
  }

  /** The release's namespaced objects still there (by the chart's instance label). */
  List<String> remainingObjects() {
    KubernetesClient admin = cluster.client();
    List<HasMetadata> left = new ArrayList<>();
    left.addAll(
        admin.apps().deployments().inNamespace(NAMESPACE).withLabels(INSTANCE).list().getItems());
    left.addAll(admin.pods().inNamespace(NAMESPACE).withLabels(INSTANCE).list().getItems());
    left.addAll(admin.services().inNamespace(NAMESPACE).withLabels(INSTANCE).list().getItems());
    left.addAll(admin.secrets().inNamespace(NAMESPACE).withLabels(INSTANCE).list().getItems());
    left.addAll(admin.configMaps().inNamespace(NAMESPACE).withLabels(INSTANCE).list().getItems());
    left.addAll(
        admin.serviceAccounts().inNamespace(NAMESPACE).withLabels(INSTANCE).list().getItems());
    left.addAll(admin.rbac().roles().inNamespace(NAMESPACE).withLabels(INSTANCE).list().getItems());
    left.addAll(
        admin.rbac().roleBindings().inNamespace(NAMESPACE).withLabels(INSTANCE).list().getItems());
    return names(left);
  }

  /** The release's cluster-wide objects still there. */
  List<String> remainingClusterObjects() {
    KubernetesClient admin = cluster.client();
    List<HasMetadata> left = new ArrayList<>();
    left.addAll(admin.rbac().clusterRoles().withLabels(INSTANCE).list().getItems());
    left.addAll(admin.rbac().clusterRoleBindings().withLabels(INSTANCE).list().getItems());
    left.addAll(
        admin
            .admissionRegistration()
            .v1()
            .validatingWebhookConfigurations()
            .withLabels(INSTANCE)
            .list()
            .getItems());
    return names(left);
  }

  private static List<String> names(List<HasMetadata> objects) {
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }

  private static boolean rolledOut(Deployment d) {
    var status = d.getStatus();
    Integer wanted = d.getSpec().getReplicas();
    return status != null
        && d.getMetadata().getGeneration().equals(status.getObservedGeneration())
        && wanted.equals(status.getUpdatedReplicas())
        && wanted.equals(status.getAvailableReplicas())
        && wanted.equals(status.getReplicas());
  }

  /** The in-cluster address of a Service port, e.g. {@code http://10.96.0.12:8080}. */
  URI serviceUri(String service, String port) {
    var svc = cluster.client().services().inNamespace(NAMESPACE).withName(service).get();
    int number =
        svc.getSpec().getPorts().stream()
            .filter(p -> port.equals(p.getName()))
            .findFirst()
            .orElseThrow()
            .getPort();
    return URI.create("http://" + svc.getSpec().getClusterIP() + ":" + number);
  }

  /** The text of an archived object named by an {@code s3://bucket/key} URL. */
  String object(String s3Url) {
    URI uri = URI.create(s3Url);
    try (S3Client client = TestObjects.s3Client(s3)) {
      return client
          .getObjectAsBytes(b -> b.bucket(uri.getHost()).key(uri.getPath().substring(1)))
          .asUtf8String();
    }
  }

  private static boolean available(Deployment d) {
    Integer wanted = d.getSpec().getReplicas();
    Integer available = d.getStatus() == null ? null : d.getStatus().getAvailableReplicas();
    return wanted != null && wanted.equals(available);
  }

  /** Each pod of the release: phase, container states and the end of its log. */
  static String podReport(KubernetesClient admin) {
    return admin.pods().inNamespace(NAMESPACE).list().getItems().stream()
        .map(pod -> describe(admin, pod))
        .collect(Collectors.joining("\n"));
  }

  private static String describe(KubernetesClient admin, Pod pod) {
    String log;
    try {
      log =
          admin
              .pods()
              .inNamespace(NAMESPACE)
              .withName(pod.getMetadata().getName())
              .tailingLines(30)
              .getLog();
    } catch (RuntimeException e) {
      log = "(no log: " + e.getMessage() + ")";
    }
    return "pod "
        + pod.getMetadata().getName()
        + " "
        + pod.getStatus().getPhase()
        + " "
        + pod.getStatus().getContainerStatuses()
        + "\n"
        + log;
  }
}
