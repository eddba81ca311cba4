package dev.c8s.e2e.chart;

import com.marcnuri.helm.Helm;
import dev.c8s.e2e.images.ServiceImage;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.node.NodeImages;
import dev.c8s.testing.node.RealNodeCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The chart installed with {@code helm} on the real node, as an operator installs it: the images
 * built here imported into the node's containerd, object storage on the host, the release in
 * {@code c8s-system}.
 */
final class ChartOnTheNode {
  static final String RELEASE = "c8s";
  static final String NAMESPACE = "c8s-system";
  static final String LOGS_BUCKET = "c8s-logs";
  static final Path CHART = Path.of("../charts/c8s");

  final RealNodeCluster cluster;
  final S3ProxyServer s3;

  private ChartOnTheNode(RealNodeCluster cluster, S3ProxyServer s3) {
    this.cluster = cluster;
    this.s3 = s3;
  }

  /** Imports the service images, creates the buckets and installs the chart; waits for nothing. */
  static ChartOnTheNode install(RealNodeCluster cluster) {
    String manifest = System.getProperty("c8s.images.manifest");
    for (ServiceImage image : ServiceImage.listed(Path.of(manifest))) {
      cluster.importImage(image.archive());
    }
    S3ProxyServer s3 = S3ProxyServer.startOn(cluster.hostAddress());
    try (S3Client client = s3Client(s3)) {
      for (String bucket : List.of(LOGS_BUCKET, "c8s-artifacts")) {
        client.createBucket(b -> b.bucket(bucket));
      }
    }
    ChartOnTheNode chart = new ChartOnTheNode(cluster, s3);
    new Helm(CHART)
        .install()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .createNamespace()
        .withKubeConfigContents(cluster.kubeConfigYaml())
        .withValuesFile(chart.values())
        .call();
    return chart;
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
        controller:
          gitImage: %s
          transferImage: %s
        """
            .formatted(
                s3.endpoint(),
                S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY,
                NodeImages.HELPER,
                NodeImages.HELPER);
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
    try (S3Client client = s3Client(s3)) {
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

  private static String podReport(KubernetesClient admin) {
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

  private static S3Client s3Client(S3ProxyServer s3) {
    return S3Client.builder()
        .endpointOverride(URI.create(s3.endpoint()))
        .forcePathStyle(true)
        .region(Region.of(S3ProxyServer.REGION))
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
        .build();
  }
}
