package dev.c8s.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real Kubernetes control plane for tests: etcd and kube-apiserver through kube-api-test, plus,
 * when workloads are wanted, kube-controller-manager, kube-scheduler and kwok so Jobs really run.
 *
 * <p>Start one per test class or suite ({@link SharedControlPlane}); give each test its own
 * namespace ({@link #newNamespace(String)}).
 */
public final class ControlPlane implements AutoCloseable {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  private final KubeAPIServer apiServer;
  private final ApiAudit audit;
  private final Path workDir;
  private final Path kubeConfigFile;
  private final KubernetesClient client;
  private final Workloads workloads;
  private ServiceIdentities identities;
  private boolean closed;

  private ControlPlane(KubeAPIServer apiServer, ApiAudit audit, Path workDir, boolean withWorkloads)
      throws IOException {
    this.apiServer = apiServer;
    this.audit = audit;
    this.workDir = workDir;
    this.kubeConfigFile = workDir.resolve("kubeconfig.yaml");
    Files.writeString(kubeConfigFile, apiServer.getKubeConfigYaml());
    this.client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml()))
            .build();
    this.workloads = withWorkloads ? Workloads.start(client, kubeConfigFile, workDir) : null;
  }

  /**
   * Starts etcd and kube-apiserver, installs the c8s CRDs and, if {@code withWorkloads}, the
   * components that run Jobs on fake kwok nodes.
   */
  public static ControlPlane start(boolean withWorkloads) {
    boolean offline = ControlPlaneBinaries.present(ControlPlaneBinaries.API_SERVER);
    if (!offline && "true".equalsIgnoreCase(System.getenv("CI"))) {
      ControlPlaneBinaries.require("kube-apiserver");
    }
    Path workDir;
    try {
      workDir = Files.createTempDirectory("c8s-control-plane");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> flags = new ArrayList<>();
    ApiAudit audit = ApiAudit.configure(workDir.resolve("audit"), flags);
    KubeAPIServer server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withApiServerFlags(flags)
                .withApiServerVersion(ControlPlaneBinaries.version())
                // Set in code: the KUBE_API_TEST_OFFLINE_MODE variable is misparsed before 7.8.
                .withOfflineMode(offline)
                .withUpdateKubeConfig(false)
                .withStartupTimeout((int) STARTUP_TIMEOUT.toMillis())
                .build());
    MidnightGuard.awaitSameDayDeadline(Clock.systemDefaultZone(), STARTUP_TIMEOUT);
    try {
      server.start();
    } catch (RuntimeException e) {
      // A failed readiness check leaves etcd and kube-apiserver running; they must not outlive us.
      server.stop();
      throw e;
    }
    ControlPlane plane;
    try {
      plane = new ControlPlane(server, audit, workDir, withWorkloads);
    } catch (IOException | RuntimeException e) {
      server.stop();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    try {
      plane.installCrds();
      return plane;
    } catch (RuntimeException e) {
      // Also stops controller-manager, scheduler and kwok, which would otherwise outlive the JVM.
      plane.close();
      throw e;
    }
  }

  /**
   * An administrator's client, for test set-up and assertions only; do not close it, the control
   * plane does.
   */
  public KubernetesClient client() {
    return client;
  }

  /** What the API server logged of the requests c8s's ServiceAccounts made. */
  public ApiAudit audit() {
    return audit;
  }

  /** Kubeconfig YAML with admin credentials, for services under test. */
  public String kubeConfigYaml() {
    return apiServer.getKubeConfigYaml();
  }

  /**
   * The chart's ServiceAccounts and RBAC, applied on first use: services under test authenticate as
   * one of these, never as the administrator (whose client is for test set-up only).
   */
  public synchronized ServiceIdentities identities() {
    if (identities == null) {
      identities = SharedControlPlane.withOwnClassLoader(() -> ServiceIdentities.apply(client));
    }
    return identities;
  }

  /** The same kubeconfig as a file, for processes such as kubectl. */
  public Path kubeConfigFile() {
    return kubeConfigFile;
  }

  /** Whether Jobs run to completion here (controller-manager, scheduler and kwok are up). */
  public boolean runsWorkloads() {
    return workloads != null;
  }

  /** Creates a fresh namespace whose name starts with {@code prefix}. */
  public String newNamespace(String prefix) {
    String name = prefix + "-" + NAMESPACES.incrementAndGet();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  /** Applies the CRDs committed under {@code charts/c8s/crds} and waits until they are served. */
  public void installCrds() {
    Crds.install(client);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    client.close();
    if (workloads != null) {
      workloads.close();
    }
    apiServer.stop();
    deleteQuietly(workDir);
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a leftover temp dir is not worth failing a test run for
    }
  }
}
