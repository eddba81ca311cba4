package dev.c8s.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Kueue (built by scripts/kueue.sh into ~/.cache/c8s-kueue) running out of cluster against a
 * test control plane, as the administrator, admitting suspended batch/v1 Jobs labelled {@link
 * #QUEUE_LABEL}.
 *
 * <p>No admission webhook configurations are registered: c8s creates its Jobs already suspended,
 * and Kueue's Job webhooks ({@code failurePolicy: Fail}, no selector) would refuse every Job
 * created anywhere on the shared control plane while Kueue is down. Kueue's internal certificate
 * management still has to finish before it reports ready, so the fixture does what a cluster would:
 * it pre-fills the cert Secret (a CA whose key is PKCS#1, which cert-controller insists on, and a
 * serving certificate for both the Service name and 127.0.0.1), puts the files into {@code certDir}
 * (the kubelet's Secret mount), and gives the five CRDs with a conversion webhook a URL-based one
 * (kustomize's {@code webhook_in_*.yaml} patches). The controller-manager must run for Jobs to
 * complete and free their quota: use {@code ControlPlane.start(true)}.
 *
 * <p>One Kueue per control plane at a time; a later one reuses the CRDs, namespace and queues.
 */
public final class KueueServer implements AutoCloseable {
  /** The version scripts/kueue.sh builds. */
  public static final String VERSION = "v0.17.0";

  /** The label that hands a (suspended) Job to Kueue: its value is a LocalQueue's name. */
  public static final String QUEUE_LABEL = "kueue.x-k8s.io/queue-name";

  /** Kueue's API version for queues, flavours and Workloads. */
  public static final String API_VERSION = "kueue.x-k8s.io/v1beta2";

  /** The one ResourceFlavor every ClusterQueue of {@link #queue} uses. */
  public static final String FLAVOR = "default-flavor";

  static final String NAMESPACE = "kueue-system";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Set<String> RUNNING = new HashSet<>();

  private final KubernetesClient admin;
  private final String apiServer;
  private final Path workDir;
  private final Path log;
  private final Process process;
  private boolean flavorCreated;
  private boolean closed;

  private KueueServer(
      KubernetesClient admin, String apiServer, Path workDir, Path log, Process process) {
    this.admin = admin;
    this.apiServer = apiServer;
    this.workDir = workDir;
    this.log = log;
    this.process = process;
  }

  /**
   * The directory holding the binary and {@code crd/}: {@code -Dc8s.kueue.dir}, else {@code
   * ${C8S_KUEUE_CACHE:-~/.cache/c8s-kueue}/kueue-<version>} as scripts/kueue.sh writes it.
   */
  static Path installation() {
    String configured = System.getProperty("c8s.kueue.dir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String cache = System.getenv("C8S_KUEUE_CACHE");
    Path root =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".cache", "c8s-kueue");
    return root.resolve("kueue-" + VERSION);
  }

  /** Starts Kueue against {@code plane} with its administrator's kubeconfig. */
  public static KueueServer start(ControlPlane plane) {
    return start(plane.client(), plane.kubeConfigFile());
  }

  /**
   * Installs Kueue's CRDs, namespace and cert Secret through {@code admin}, starts the manager with
   * {@code kubeConfig} (the same administrator: no RBAC to set up) and waits for its {@code
   * /readyz}; fails naming the script when the binary is missing.
   */
  public static KueueServer start(KubernetesClient admin, Path kubeConfig) {
    Path installation = installation();
    Path binary = installation.resolve("kueue");
    Path crds = installation.resolve("crd");
    if (!Files.isExecutable(binary) || !Files.isDirectory(crds)) {
      throw new IllegalStateException(
          binary
              + " or "
              + crds
              + " is missing: scripts/kueue.sh builds them (the build runs it before the ITs)");
    }
    String apiServer = admin.getConfiguration().getMasterUrl();
    synchronized (RUNNING) {
      if (!RUNNING.add(apiServer)) {
        throw new IllegalStateException("a KueueServer already runs against " + apiServer);
      }
    }
    Path workDir = null;
    Process process = null;
    try {
      workDir = Files.createTempDirectory("c8s-kueue");
      int webhookPort = freePort();
      int healthPort = freePort();
      int metricsPort = freePort();
      KueuePki pki = KueuePki.generate();
      KueueInstallation.installCrds(admin, crds, webhookPort, pki.caPem());
      admin
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .forceConflicts()
          .serverSideApply();
      admin
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName(KueueInstallation.SECRET)
                  .withNamespace(NAMESPACE)
                  .endMetadata()
                  .addToData("ca.crt", base64(pki.caPem()))
                  .addToData("ca.key", base64(pki.caKeyPem()))
                  .addToData("tls.crt", base64(pki.servingPem()))
                  .addToData("tls.key", base64(pki.servingKeyPem()))
                  .build())
          .forceConflicts()
          .serverSideApply();
      Path certDir = Files.createDirectories(workDir.resolve("certs"));
      Files.writeString(certDir.resolve("ca.crt"), pki.caPem());
      Files.writeString(certDir.resolve("tls.crt"), pki.servingPem());
      Files.writeString(certDir.resolve("tls.key"), pki.servingKeyPem());
      Path config = workDir.resolve("kueue-config.yaml");
      Files.writeString(
          config, KueueInstallation.config(certDir, webhookPort, healthPort, metricsPort));
      Path log = logFile(webhookPort);
      ProcessBuilder builder =
          new ProcessBuilder(
                  binary.toString(),
                  "--config=" + config,
                  "--kubeconfig=" + kubeConfig,
                  "--zap-log-level=2")
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("GOMAXPROCS", "1");
      process = builder.start();
      KueueServer server = new KueueServer(admin, apiServer, workDir, log, process);
      awaitReady(process, healthPort, log);
      return server;
    } catch (IOException | RuntimeException e) {
      if (process != null) {
        stop(process);
      }
      if (workDir != null) {
        deleteQuietly(workDir);
      }
      synchronized (RUNNING) {
        RUNNING.remove(apiServer);
      }
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /**
   * Gives {@code namespace} a ClusterQueue (named after the namespace, selecting only it) with this
   * nominal quota of the {@link #FLAVOR} flavour, and a LocalQueue {@code localQueue} in it; waits
   * until both are active. Idempotent: a second call sets the quota again. Returns the
   * ClusterQueue's name.
   */
  public String queue(String namespace, String localQueue, String cpu, String memory) {
    synchronized (this) {
      if (!flavorCreated) {
        apply(kueueObject("ResourceFlavor", FLAVOR, null, Map.of()));
        flavorCreated = true;
      }
    }
    String clusterQueue = namespace;
    apply(
        kueueObject(
            "ClusterQueue",
            clusterQueue,
            null,
            Map.of(
                "namespaceSelector",
                Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", namespace)),
                "resourceGroups",
                List.of(
                    Map.of(
                        "coveredResources",
                        List.of("cpu", "memory"),
                        "flavors",
                        List.of(
                            Map.of(
                                "name",
                                FLAVOR,
                                "resources",
                                List.of(
                                    Map.of("name", "cpu", "nominalQuota", cpu),
                                    Map.of("name", "memory", "nominalQuota", memory)))))))));
    apply(kueueObject("LocalQueue", localQueue, namespace, Map.of("clusterQueue", clusterQueue)));
    awaitActive("ClusterQueue", null, clusterQueue);
    awaitActive("LocalQueue", namespace, localQueue);
    return clusterQueue;
  }

  /** Kueue's log (zap, level 2), kept under {@code target/kueue/} after {@link #close()}. */
  public Path log() {
    return log;
  }

  /** Stops Kueue; what it created in the cluster stays (a later Kueue adopts it). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop(process);
    deleteQuietly(workDir);
    synchronized (RUNNING) {
      RUNNING.remove(apiServer);
    }
  }

  private void apply(GenericKubernetesResource object) {
    admin.resource(object).forceConflicts().serverSideApply();
  }

  private void awaitActive(String kind, String namespace, String name) {
    var resources = admin.genericKubernetesResources(API_VERSION, kind);
    var resource =
        namespace == null
            ? resources.withName(name)
            : resources.inNamespace(namespace).withName(name);
    resource.waitUntilCondition(
        object -> {
          if (object == null || !(object.get("status") instanceof Map<?, ?> status)) {
            return false;
          }
          return status.get("conditions") instanceof List<?> conditions
              && conditions.stream()
                  .anyMatch(
                      c ->
                          c instanceof Map<?, ?> m
                              && "Active".equals(m.get("type"))
                              && "True".equals(m.get("status")));
        },
        30,
        TimeUnit.SECONDS);
  }

  private static GenericKubernetesResource kueueObject(
      String kind, String name, String namespace, Map<String, Object> spec) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion(API_VERSION);
    object.setKind(kind);
    object.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    object.setAdditionalProperty("spec", spec);
    return object;
  }

  private static void awaitReady(Process process, int healthPort, Path log) {
    HttpClient http = HttpClient.newHttpClient();
    URI readyz = URI.create("http://127.0.0.1:" + healthPort + "/readyz");
    try {
      await()
          .atMost(READY_TIMEOUT)
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException("kueue exited with " + process.exitValue());
                }
                return http.send(
                            HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200;
              });
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "kueue did not become ready"
              + (process.isAlive() ? " within " + READY_TIMEOUT : " (exited)")
              + "; its log "
              + log
              + " ends with:\n"
              + tail(log),
          e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** {@code target/kueue/kueue-<port>.log} of the module under test, kept for debugging. */
  private static Path logFile(int port) throws IOException {
    Path dir = Path.of("target").toAbsolutePath();
    Path logs =
        Files.isDirectory(dir)
            ? Files.createDirectories(dir.resolve("kueue"))
            : Files.createTempDirectory("c8s-kueue-logs");
    return logs.resolve("kueue-" + Instant.now().toEpochMilli() + "-" + port + ".log");
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is not a test failure.
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
