package dev.c8s.testing.node;

import java.nio.file.Path;
import java.util.List;

/** The command lines of the node's components. */
final class NodeComponents {
  /** The free ports one node start uses. */
  record Ports(
      int etcdClient,
      int etcdPeer,
      int apiServer,
      int kubelet,
      int kubeletHealthz,
      int proxyHealthz,
      int proxyMetrics) {}

  private NodeComponents() {}

  static List<String> etcd(NodeLayout layout, Ports ports) {
    String client = "http://127.0.0.1:" + ports.etcdClient();
    String peer = "http://127.0.0.1:" + ports.etcdPeer();
    return List.of(
        "--name=c8s",
        "--data-dir=" + layout.etcdData(),
        "--listen-client-urls=" + client,
        "--advertise-client-urls=" + client,
        "--listen-peer-urls=" + peer,
        "--initial-advertise-peer-urls=" + peer,
        "--initial-cluster=c8s=" + peer,
        // Throw-away data: durability only costs time.
        "--unsafe-no-fsync",
        "--log-level=warn");
  }

  static List<String> containerd(Path config) {
    return List.of("--config=" + config);
  }

  /**
   * ServiceAccount admission and token signing on (c8s's own pods will need tokens), Node
   * authorization for kubelet, and a client certificate towards kubelet so logs can be read.
   */
  static List<String> apiServer(NodeLayout layout, NodePki pki, Ports ports) {
    return List.of(
        "--etcd-servers=http://127.0.0.1:" + ports.etcdClient(),
        "--bind-address=" + NodeLayout.GATEWAY,
        "--advertise-address=" + NodeLayout.GATEWAY,
        "--secure-port=" + ports.apiServer(),
        "--cert-dir=" + layout.dir.resolve("apiserver"),
        "--tls-cert-file=" + pki.serving.cert(),
        "--tls-private-key-file=" + pki.serving.key(),
        "--client-ca-file=" + pki.apiServerClientCa,
        "--authorization-mode=Node,RBAC",
        "--enable-admission-plugins=NodeRestriction",
        "--service-cluster-ip-range=" + NodeLayout.SERVICE_RANGE,
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-account-key-file=" + pki.serviceAccount.key(),
        "--service-account-signing-key-file=" + pki.serviceAccount.key(),
        "--kubelet-client-certificate=" + pki.kubeletClient.cert(),
        "--kubelet-client-key=" + pki.kubeletClient.key(),
        // The node's name does not resolve; its InternalIP (the gateway) does the job.
        "--kubelet-preferred-address-types=InternalIP,Hostname",
        "--allow-privileged=true",
        "--profiling=false");
  }

  /**
   * Jobs, garbage collection, ServiceAccounts and the {@code kube-root-ca.crt} ConfigMap every
   * namespace needs before a pod with a token can start.
   */
  static List<String> controllerManager(NodeLayout layout, NodePki pki, Path kubeconfig) {
    return List.of(
        "--kubeconfig=" + kubeconfig,
        "--authentication-kubeconfig=" + kubeconfig,
        "--authorization-kubeconfig=" + kubeconfig,
        "--bind-address=127.0.0.1",
        "--secure-port=0",
        "--leader-elect=false",
        "--use-service-account-credentials=false",
        "--service-account-private-key-file=" + pki.serviceAccount.key(),
        "--root-ca-file=" + pki.serving.cert(),
        "--cert-dir=" + layout.dir.resolve("controller-manager"),
        "--profiling=false");
  }

  static List<String> scheduler(NodeLayout layout, Path kubeconfig) {
    return List.of(
        "--kubeconfig=" + kubeconfig,
        "--authentication-kubeconfig=" + kubeconfig,
        "--authorization-kubeconfig=" + kubeconfig,
        "--bind-address=127.0.0.1",
        "--secure-port=0",
        "--leader-elect=false",
        "--cert-dir=" + layout.dir.resolve("scheduler"),
        "--profiling=false");
  }

  static List<String> kubeProxy(Path config) {
    return List.of("--config=" + config);
  }

  static List<String> kubelet(NodeLayout layout, Path config, Path kubeconfig) {
    return List.of(
        "--config=" + config,
        "--kubeconfig=" + kubeconfig,
        "--root-dir=" + layout.kubeletRoot(),
        "--cert-dir=" + layout.kubelet().resolve("pki"),
        "--hostname-override=" + NodeLayout.NODE_NAME,
        "--node-ip=" + NodeLayout.GATEWAY,
        "--node-labels="
            + NodeLayout.NODE_SELECTOR.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .reduce((a, b) -> a + "," + b)
                .orElseThrow(),
        "--v=1");
  }
}
