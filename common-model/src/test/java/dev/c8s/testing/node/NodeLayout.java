package dev.c8s.testing.node;

import dev.c8s.testing.ControlPlaneBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Names, addresses and the directory layout of the real test node; one node per machine. */
final class NodeLayout {
  /** The Node's name; kubelet authenticates as {@code system:node:<name>}. */
  static final String NODE_NAME = "c8s-real-node";

  /** The label that selects the real node. */
  static final Map<String, String> NODE_SELECTOR = Map.of("c8s.dev/node", "real");

  /** The CNI bridge; its address is the gateway the host and the pods meet at. */
  static final String BRIDGE = "c8s0";

  static final String POD_SUBNET = "10.244.0.0/24";
  static final String GATEWAY = "10.244.0.1";
  static final int POD_PREFIX = 24;
  static final String SERVICE_RANGE = "10.96.0.0/24";

  /** The {@code kubernetes} Service's ClusterIP: the first address of the service range. */
  static final String FIRST_SERVICE_IP = "10.96.0.1";

  /** The nftables table of our own rules (the egress block). */
  static final String NFT_TABLE = "c8s_node";

  /** The components, in start order; each logs to {@code logs/<name>.log}. */
  static final List<String> KUBERNETES_BINARIES =
      List.of(
          "etcd",
          "kube-apiserver",
          "kube-controller-manager",
          "kube-scheduler",
          "kube-proxy",
          "kubelet");

  final Path dir;

  private NodeLayout(Path dir) {
    this.dir = dir;
  }

  /**
   * {@code -Dc8s.node.dir} or {@code /var/tmp/c8s-real-node}: a fixed place, so that a run after a
   * crash finds what the crashed one left behind. Not under /tmp: some machines mount it noexec.
   */
  static NodeLayout fromSystemProperties() {
    return new NodeLayout(Path.of(System.getProperty("c8s.node.dir", "/var/tmp/c8s-real-node")));
  }

  /**
   * Whether pods may reach beyond this machine ({@code -Dc8s.node.pod-egress=true}, for people's
   * pipelines on scripts/local-cluster.sh); tests leave it off, so nothing they run leaves the
   * machine.
   */
  static boolean podEgress() {
    return Boolean.getBoolean("c8s.node.pod-egress");
  }

  Path logs() {
    return dir.resolve("logs");
  }

  Path log(String component) {
    return logs().resolve(component + ".log");
  }

  Path pki() {
    return dir.resolve("pki");
  }

  /**
   * etcd's data: inside the node directory, so it goes with the node; or {@code
   * -Dc8s.node.etcd-dir}, which outlives it (scripts/local-cluster.sh's {@code --keep-data}).
   */
  Path etcdData() {
    String kept = System.getProperty("c8s.node.etcd-dir");
    return kept == null || kept.isBlank() ? dir.resolve("etcd") : Path.of(kept);
  }

  Path containerd() {
    return dir.resolve("containerd");
  }

  Path containerdSocket() {
    return containerd().resolve("containerd.sock");
  }

  Path cniConf() {
    return dir.resolve("cni/net.d");
  }

  Path cniIpam() {
    return dir.resolve("cni/ipam");
  }

  Path kubelet() {
    return dir.resolve("kubelet");
  }

  Path kubeletRoot() {
    return kubelet().resolve("root");
  }

  Path kubeProxy() {
    return dir.resolve("kube-proxy");
  }

  /** Written before the first change to the host: what teardown restores. */
  Path hostState() {
    return dir.resolve("host-state.properties");
  }

  /** The lock that keeps two JVMs from running the node at once; it outlives the directory. */
  Path lockFile() {
    return NodeImages.cacheDir().resolve("node.lock");
  }

  /** A Kubernetes binary from the control-plane folder kube-api-test reads. */
  static Path binary(String name) {
    return ControlPlaneBinaries.folder().resolve(name);
  }

  /** The repository root, for the CRDs under version control. */
  static Path repositoryRoot() {
    String root = System.getProperty("maven.multiModuleProjectDirectory");
    Path start = Path.of(root != null ? root : "").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("charts/c8s/crds"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the repository root above " + start);
  }
}
