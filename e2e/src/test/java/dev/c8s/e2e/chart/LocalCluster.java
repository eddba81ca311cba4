package dev.c8s.e2e.chart;

import dev.c8s.testing.ControlPlaneBinaries;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.node.RealNodeCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * c8s on this machine, for people ({@code scripts/local-cluster.sh up}): the real node, the chart
 * installed with helm from the images built here, the samples applied, one signed push followed to
 * Succeeded; then it serves until SIGTERM ({@code down}), when the node is torn down and the host
 * restored. Prints seed 003's bootstrap states as it goes. Built from the blocks of {@link
 * HelmInstallE2E}.
 *
 * <p>Arguments: the state directory (it receives {@code kubeconfig} and, once up, {@code urls.txt})
 * and the object storage directory; etcd's data directory comes as {@code -Dc8s.node.etcd-dir}.
 */
public final class LocalCluster {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private LocalCluster() {}

  /** Brings c8s up, writes the URLs, then waits for SIGTERM; exits 1 (node stopped) on failure. */
  public static void main(String[] args) {
    try {
      up(args);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | Error e) {
      say("FAILED: " + e);
      e.printStackTrace(System.out);
      // The shutdown hook stops the node and object storage; the script shows the log's end.
      System.exit(1);
    }
  }

  private static void up(String[] args) throws Exception {
    Path state = Path.of(args[0]);
    Path objects = Path.of(args[1]);
    Path ready = state.resolve("urls.txt");
    Files.deleteIfExists(ready);
    boolean kept = Files.isDirectory(Path.of(System.getProperty("c8s.node.etcd-dir", "")));
    Files.createDirectories(objects);

    state("CLUSTER_CREATING", kept ? "on the kept data of an earlier up" : "a new cluster");
    RealNodeCluster cluster = RealNodeCluster.start();
    AutoCloseable[] stopFirst = {null, null};
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  say("stopping: pods, kubelet, containerd, the control plane, object storage");
                  closeQuietly(stopFirst[0]);
                  cluster.close();
                  closeQuietly(stopFirst[1]);
                },
                "local-cluster-stop"));
    S3ProxyServer s3 =
        S3ProxyServer.startOnDisk(
            cluster.hostAddress(), objects, Integer.getInteger("c8s.local.s3-port", 0));
    stopFirst[1] = s3;
    Path kubeconfig = state.resolve("kubeconfig");
    Files.copy(cluster.kubeConfigFile(), kubeconfig, StandardCopyOption.REPLACE_EXISTING);
    state("CLUSTER_READY", "kubeconfig " + kubeconfig);

    state(
        "RELEASE_INSTALLING",
        "helm upgrade --install c8s charts/c8s -n " + ChartOnTheNode.NAMESPACE);
    ChartOnTheNode chart = ChartOnTheNode.installOrUpgrade(cluster, s3);
    state(
        "RELEASE_ACTIVE",
        chart
            .helm("status", ChartOnTheNode.RELEASE)
            .lines()
            .filter(l -> l.startsWith("REVISION"))
            .findFirst()
            .orElse(""));
    awaitPodsReady(chart, Duration.ofMinutes(5));

    URI api = chart.serviceUri("c8s-api-server", "http");
    URI webhook = chart.serviceUri("c8s-webhook", "http");
    state("HEALTH_CHECKING", "GET /q/health/ready of the api-server and the webhook");
    health("api-server", api);
    health("webhook", webhook);

    LocalDemo demo = LocalDemo.start(cluster.client(), cluster.hostAddress(), webhook);
    stopFirst[0] = demo;
    String run = demo.pushAndFollow(Duration.ofMinutes(5));
    String kubectl = ControlPlaneBinaries.folder().resolve("kubectl").toString();
    String urls =
        """
        c8s is up. Demo run: %s (kubectl --kubeconfig %s -n %s get pipelineruns)
          API          %s/api/v1/namespaces/%s/pipelineruns
                       token: %s --kubeconfig %s -n %s create token %s
          Swagger UI   %s/q/swagger-ui
          OpenAPI      %s/q/openapi
          Webhook      %s/webhooks/github  (also /webhooks/gitlab, /webhooks/bitbucket)
          S3           %s  (access key %s, secret key %s)
          kubectl      %s --kubeconfig %s get pipelineruns -A
          Stop         scripts/local-cluster.sh down              (run history and logs are discarded)
                       scripts/local-cluster.sh down --keep-data  (kept for the next up)
        """
            .formatted(
                run,
                kubeconfig,
                LocalDemo.NAMESPACE,
                api,
                LocalDemo.NAMESPACE,
                kubectl,
                kubeconfig,
                LocalDemo.NAMESPACE,
                LocalDemo.USER,
                api,
                api,
                webhook,
                s3.endpoint(),
                S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY,
                kubectl,
                kubeconfig);
    state("READY", "all systems operational");
    Files.writeString(ready, urls);
    System.out.print(urls);
    System.out.flush();
    Thread.currentThread().join();
  }

  /**
   * Prints each Deployment's pod as it goes POD_PENDING → POD_RUNNING → POD_READY, until every
   * Deployment is available; on timeout the error says which pod is stuck and why.
   */
  private static void awaitPodsReady(ChartOnTheNode chart, Duration atMost) {
    KubernetesClient admin = chart.cluster.client();
    Map<String, String> shown = new HashMap<>();
    try {
      awaitPodsReady(chart, admin, shown, atMost);
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "c8s's pods were not all ready within "
              + atMost
              + ":\n"
              + ChartOnTheNode.podReport(admin),
          e);
    }
  }

  private static void awaitPodsReady(
      ChartOnTheNode chart, KubernetesClient admin, Map<String, String> shown, Duration atMost) {
    Awaitility.await("every c8s Deployment available")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () -> {
              for (Pod pod : admin.pods().inNamespace(ChartOnTheNode.NAMESPACE).list().getItems()) {
                String now = podState(pod);
                if (!now.equals(shown.put(pod.getMetadata().getName(), now))) {
                  state(now, "pod " + pod.getMetadata().getName());
                }
              }
              return chart.deployments().stream().allMatch(d -> readyPods(admin, d));
            });
  }

  /**
   * Whether {@code deployment} has as many ready pods as it wants, counted from the pods: on kept
   * data its stored status still says what it was before the last down.
   */
  private static boolean readyPods(KubernetesClient admin, Deployment deployment) {
    long ready =
        admin
            .pods()
            .inNamespace(ChartOnTheNode.NAMESPACE)
            .withLabels(deployment.getSpec().getSelector().getMatchLabels())
            .list()
            .getItems()
            .stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
            .filter(p -> "POD_READY".equals(podState(p)))
            .count();
    return ready >= deployment.getSpec().getReplicas();
  }

  private static String podState(Pod pod) {
    boolean ready =
        pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    if (ready) {
      return "POD_READY";
    }
    return "Running".equals(pod.getStatus().getPhase()) ? "POD_RUNNING" : "POD_PENDING";
  }

  /**
   * Seed 003's health check through the Service, 5 s per attempt; over a second is DEGRADED. Tried
   * for up to a minute, as kube-proxy programs a new pod's Service address a moment after it is
   * ready.
   */
  private static void health(String service, URI base) {
    String[] last = {""};
    try {
      Awaitility.await(service + " healthy")
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> healthy(service, base, last));
    } catch (ConditionTimeoutException e) {
      state("UNHEALTHY", service + ": " + last[0]);
      throw new IllegalStateException(service + " is not healthy at " + base + ": " + last[0]);
    }
  }

  private static boolean healthy(String service, URI base, String[] last)
      throws InterruptedException {
    long t0 = System.nanoTime();
    try {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(base.resolve("/q/health/ready"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (answer.statusCode() == 200) {
        state(ms > 1000 ? "DEGRADED" : "HEALTHY", service + " answered in " + ms + " ms");
        return true;
      }
      last[0] = "HTTP " + answer.statusCode() + ": " + answer.body();
    } catch (IOException e) {
      last[0] = e.toString();
    }
    return false;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (Exception e) {
      say("could not stop " + closeable + ": " + e);
    }
  }

  static void state(String state, String detail) {
    say(String.format("%-18s %s", state, detail));
  }

  static void say(String what) {
    System.out.println("[c8s-local] " + what);
    System.out.flush();
  }
}
