package dev.c8s.testing.node;

import dev.c8s.testing.Crds;
import dev.c8s.testing.ServiceIdentities;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A one-node Kubernetes cluster whose pods really run: etcd, kube-apiserver, controller-manager,
 * scheduler, kube-proxy, and kubelet on a containerd of its own with images built by {@code
 * scripts/node/prepare.sh}.
 *
 * <p>Use one per JVM ({@link SharedRealNodeCluster}); give each test its own namespace. Pods reach
 * servers the test runs on {@link #hostAddress()} and nothing beyond this machine.
 */
public final class RealNodeCluster implements AutoCloseable {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private final NodeLayout layout;
  private final NodeLock lock;
  private final NodeProcesses processes;
  private KubernetesClient client;
  private Path kubeConfigFile;
  private String kubeConfigYaml;
  private ServiceIdentities identities;
  private boolean hostChanged;
  private volatile long importMillis;
  private boolean closed;

  private RealNodeCluster(NodeLayout layout, NodeLock lock) {
    this.layout = layout;
    this.lock = lock;
    this.processes = new NodeProcesses(layout);
  }

  /** Checks the prerequisites, cleans up after a crashed run, and starts the node. */
  public static RealNodeCluster start() {
    NodePrerequisites.check();
    NodeLayout layout = NodeLayout.fromSystemProperties();
    RealNodeCluster cluster = new RealNodeCluster(layout, NodeLock.acquire(layout));
    try {
      cluster.boot();
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void boot() {
    long t0 = System.nanoTime();
    if (Files.exists(layout.dir)) {
      System.err.println("[real-node] cleaning up after an earlier run that did not stop");
      HostState.restore(layout, HostState.saved(layout));
      System.err.printf("[real-node] cleaned up in %d ms%n", ms(System.nanoTime() - t0));
    } else if (!HostState.kubepodsCgroups().isEmpty()) {
      throw new IllegalStateException(
          "kubepods cgroups exist but no earlier real-node run left them: is another kubelet"
              + " running here? "
              + HostState.kubepodsCgroups());
    }
    createDirectories();
    HostState.record(layout);
    hostChanged = true;
    NodePki pki = NodePki.load(NodeImages.cacheDir());
    HostNetwork.createBridge();
    if (!NodeLayout.podEgress()) {
      HostNetwork.blockEgress();
    }
    NodeComponents.Ports ports =
        new NodeComponents.Ports(
            freePort(),
            freePort(),
            Integer.getInteger("c8s.node.api-port", 0) > 0
                ? Integer.getInteger("c8s.node.api-port")
                : freePort(),
            freePort(),
            freePort(),
            freePort(),
            freePort());
    String server = "https://" + NodeLayout.GATEWAY + ":" + ports.apiServer();
    Path admin = write(layout.pki().resolve("admin.kubeconfig"), pki.kubeconfig(server, pki.admin));
    Path node = write(layout.pki().resolve("node.kubeconfig"), pki.kubeconfig(server, pki.node));
    NodeConfigFiles.cni(layout);

    processes.launch("etcd", NodeLayout.binary("etcd"), NodeComponents.etcd(layout, ports));
    long seed0 = System.nanoTime();
    boolean seeded = NodeImages.seedContainerdRoot(layout.containerd().resolve("root"));
    long seedMillis = ms(System.nanoTime() - seed0);
    processes.launch(
        "containerd",
        Path.of(HostCommands.resolve("containerd")),
        NodeComponents.containerd(NodeConfigFiles.containerd(layout)));
    // Checking (and without a template, importing) the images overlaps the API server's start, on
    // a thread of its own: the common pool has a single thread on two cores.
    var imported =
        CompletableFuture.runAsync(
            this::importImages,
            r -> Thread.ofPlatform().daemon().name("real-node-import").start(r));
    processes.launch(
        "kube-apiserver",
        NodeLayout.binary("kube-apiserver"),
        NodeComponents.apiServer(layout, pki, ports));
    kubeConfigYaml = pki.kubeconfig(server, pki.admin);
    kubeConfigFile = admin;
    client =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeConfigYaml)).build();
    awaitUp("kube-apiserver", Duration.ofSeconds(90), () -> "ok".equals(client.raw("/readyz")));
    long apiUp = System.nanoTime();

    processes.launch(
        "kube-controller-manager",
        NodeLayout.binary("kube-controller-manager"),
        NodeComponents.controllerManager(layout, pki, admin));
    processes.launch(
        "kube-scheduler",
        NodeLayout.binary("kube-scheduler"),
        NodeComponents.scheduler(layout, admin));
    processes.launch(
        "kube-proxy",
        NodeLayout.binary("kube-proxy"),
        NodeComponents.kubeProxy(
            NodeConfigFiles.kubeProxy(layout, admin, ports.proxyHealthz(), ports.proxyMetrics())));
    long kubeletStart = System.nanoTime();
    processes.launch(
        "kubelet",
        NodeLayout.binary("kubelet"),
        NodeComponents.kubelet(
            layout,
            NodeConfigFiles.kubelet(layout, pki, ports.kubelet(), ports.kubeletHealthz()),
            node));
    installCrds();
    awaitUp("kubelet", Duration.ofSeconds(90), this::nodeReady);
    long ready = System.nanoTime();
    awaitUp("image import", Duration.ofSeconds(120), imported::isDone);
    imported.join();
    awaitUp("kube-controller-manager", Duration.ofSeconds(60), () -> namespaceReady("default"));
    System.err.printf(
        "[real-node] up in %d ms (API server %d ms, images %s in %d ms, node Ready %d ms after"
            + " kubelet start)%n",
        ms(System.nanoTime() - t0),
        ms(apiUp - t0),
        seeded ? "linked from the template root" : "imported",
        seeded ? seedMillis : importMillis,
        ms(ready - kubeletStart));
  }

  private void createDirectories() {
    try {
      for (Path d : new Path[] {layout.logs(), layout.pki(), layout.cniIpam(), layout.kubelet()}) {
        Files.createDirectories(d);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Imports what the template root did not bring (all of it when there was no template). */
  private void importImages() {
    long t0 = System.nanoTime();
    String socket = layout.containerdSocket().toString();
    awaitUp(
        "containerd",
        Duration.ofSeconds(30),
        () -> HostCommands.run("ctr", "-a", socket, "version").ok());
    String present =
        HostCommands.run("ctr", "-a", socket, "-n", "k8s.io", "images", "ls", "-q")
            .orThrow()
            .output();
    for (Map.Entry<String, Path> image : NodeImages.archives().entrySet()) {
      if (present.lines().anyMatch(image.getKey()::equals)) {
        continue;
      }
      importImage(image.getValue());
    }
    importMillis = ms(System.nanoTime() - t0);
  }

  private void awaitUp(String what, Duration timeout, Callable<Boolean> up) {
    try {
      Awaitility.await(what)
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptionsMatching(e -> !(e instanceof IllegalStateException))
          .until(
              () -> {
                processes.checkAlive();
                return up.call();
              });
    } catch (ConditionTimeoutException e) {
      String component = layout.log(what).toFile().exists() ? what : "kube-apiserver";
      throw new IllegalStateException(
          what
              + " not up within "
              + timeout
              + "; end of "
              + component
              + ".log:\n"
              + processes.tail(component),
          e);
    }
  }

  private boolean nodeReady() {
    Node node = client.nodes().withName(NodeLayout.NODE_NAME).get();
    return node != null
        && node.getStatus() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Pods need the namespace's default ServiceAccount and its {@code kube-root-ca.crt}. */
  private boolean namespaceReady(String namespace) {
    return client.serviceAccounts().inNamespace(namespace).withName("default").get() != null
        && client.configMaps().inNamespace(namespace).withName("kube-root-ca.crt").get() != null;
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path write(Path file, String content) {
    return NodeConfigFiles.write(file, content);
  }

  /** An administrator's client; do not close it, the cluster does. */
  public KubernetesClient client() {
    return client;
  }

  /** Kubeconfig YAML with administrator credentials (certificates inline). */
  public String kubeConfigYaml() {
    return kubeConfigYaml;
  }

  /** The same kubeconfig as a file, for processes such as kubectl. */
  public Path kubeConfigFile() {
    return kubeConfigFile;
  }

  /**
   * The host's address on the pods' bridge: pods reach servers the test JVM binds here (or to
   * 0.0.0.0), and the API server listens here too.
   */
  public String hostAddress() {
    return NodeLayout.GATEWAY;
  }

  /** The node's name. */
  public String nodeName() {
    return NodeLayout.NODE_NAME;
  }

  /**
   * Imports an image archive (docker-archive or OCI) into the node's containerd, where pods with
   * {@code imagePullPolicy: IfNotPresent} or {@code Never} find it without a registry.
   */
  public void importImage(Path archive) {
    HostCommands.run(
            null,
            300,
            "ctr",
            "-a",
            layout.containerdSocket().toString(),
            "-n",
            "k8s.io",
            "images",
            "import",
            archive.toString())
        .orThrow();
  }

  /** A nodeSelector that puts a pod on the real node. */
  public Map<String, String> nodeSelector() {
    return NodeLayout.NODE_SELECTOR;
  }

  /** The log file of a component ({@code kubelet}, {@code containerd}, ...), while it runs. */
  public Path log(String component) {
    return layout.log(component);
  }

  /**
   * Creates a namespace whose name starts with {@code prefix} and waits until pods can be created
   * in it (its default ServiceAccount and root CA ConfigMap exist).
   */
  public String newNamespace(String prefix) {
    String name = prefix + "-" + NAMESPACES.incrementAndGet();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    Awaitility.await("namespace " + name + " ready for pods")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> namespaceReady(name));
    return name;
  }

  /** Applies the CRDs committed under {@code charts/c8s/crds} and waits until they are served. */
  public void installCrds() {
    Crds.install(client);
  }

  /**
   * The chart's ServiceAccounts and RBAC, applied on first use: services under test authenticate as
   * one of these, never as the administrator.
   */
  public synchronized ServiceIdentities identities() {
    if (identities == null) {
      identities = ServiceIdentities.apply(client);
    }
    return identities;
  }

  /** Quarkus client settings for {@code service}, authenticated by its ServiceAccount token. */
  public Map<String, String> quarkusClientProperties(ServiceIdentities.Service service) {
    return identities().quarkusClientProperties(service);
  }

  /** Stops the node and puts the host back as it was; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long t0 = System.nanoTime();
    try {
      NodeShutdown.run(layout, processes, client, hostChanged);
    } finally {
      if (client != null) {
        client.close();
      }
      lock.release();
      System.err.printf("[real-node] stopped in %d ms%n", ms(System.nanoTime() - t0));
    }
  }
}
