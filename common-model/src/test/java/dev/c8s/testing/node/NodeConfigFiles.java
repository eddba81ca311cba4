package dev.c8s.testing.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The configuration files of containerd, CNI, kubelet and kube-proxy for the real test node. */
final class NodeConfigFiles {
  private NodeConfigFiles() {}

  /**
   * containerd of the tests' own: every path under the node directory so a system containerd is
   * never touched, and {@code restrict_oom_score_adj}, without which runc fails on this VM (root
   * lacks CAP_SYS_RESOURCE, see BUILD-NOTES).
   */
  static Path containerd(NodeLayout layout) {
    Path c = layout.containerd();
    String config =
        """
        version = 2
        root = "%1$s/root"
        state = "%1$s/state"
        # Snapshotters that only log errors here; opt would create /opt/containerd.
        disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
          "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper",
          "io.containerd.internal.v1.opt", "io.containerd.tracing.processor.v1.otlp"]
        [grpc]
          address = "%2$s"
        [plugins."io.containerd.grpc.v1.cri"]
          sandbox_image = "%3$s"
          restrict_oom_score_adj = true
          netns_mounts_under_state_dir = true
          disable_apparmor = true
          [plugins."io.containerd.grpc.v1.cri".containerd]
            snapshotter = "overlayfs"
            default_runtime_name = "runc"
            [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
              runtime_type = "io.containerd.runc.v2"
              [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                Root = "%1$s/runc"
          [plugins."io.containerd.grpc.v1.cri".cni]
            bin_dir = "/usr/lib/cni"
            conf_dir = "%4$s"
            max_conf_num = 1
        """
            .formatted(c, layout.containerdSocket(), NodeImages.PAUSE, layout.cniConf());
    return write(c.resolve("config.toml"), config);
  }

  /**
   * A bridge whose address is the gateway, host-local IPAM with its own data directory, portmap for
   * hostPort; masquerading only when pods may reach beyond the machine ({@link
   * NodeLayout#podEgress()}).
   */
  static Path cni(NodeLayout layout) {
    String conflist =
        """
        {
          "cniVersion": "1.0.0",
          "name": "c8s-real-node",
          "plugins": [
            {
              "type": "bridge",
              "bridge": "%s",
              "isGateway": true,
              "ipMasq": %s,
              "hairpinMode": true,
              "ipam": {
                "type": "host-local",
                "ranges": [[{"subnet": "%s", "gateway": "%s"}]],
                "routes": [{"dst": "0.0.0.0/0"}],
                "dataDir": "%s"
              }
            },
            {"type": "portmap", "capabilities": {"portMappings": true}}
          ]
        }
        """
            .formatted(
                NodeLayout.BRIDGE,
                NodeLayout.podEgress(),
                NodeLayout.POD_SUBNET,
                NodeLayout.GATEWAY,
                layout.cniIpam());
    return write(layout.cniConf().resolve("10-c8s.conflist"), conflist);
  }

  /** kubelet: webhook authn/z against the API server, everything it writes under the node dir. */
  static Path kubelet(NodeLayout layout, NodePki pki, int port, int healthzPort) {
    String config =
        """
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        address: %1$s
        port: %2$d
        readOnlyPort: 0
        healthzBindAddress: 127.0.0.1
        healthzPort: %3$d
        containerRuntimeEndpoint: unix://%4$s
        # This machine mounts cgroup v1 controllers; 1.35 will refuse them by default.
        failCgroupV1: false
        cgroupDriver: cgroupfs
        failSwapOn: false
        authentication:
          anonymous:
            enabled: false
          webhook:
            enabled: true
          x509:
            clientCAFile: %5$s
        authorization:
          mode: Webhook
        clusterDomain: cluster.local
        # No cluster DNS, and pods must not ask the host's resolvers (they may be off-machine).
        resolvConf: ""
        podLogsDir: %6$s/pod-logs
        volumePluginDir: %6$s/volume-plugins
        # The kubelet rotates a container's log at 10 MiB by default and serves only the newest
        # file: c8s follows a step's log from its start, but a burst faster than it archives
        # loses what was rotated away (decision 0046). Operators raise this on CI nodes; so do we.
        containerLogMaxSize: 200Mi
        containerLogMaxFiles: 2
        # Imported images can never be pulled again: never collect them.
        imageGCHighThresholdPercent: 100
        imageGCLowThresholdPercent: 99
        evictionHard:
          memory.available: 100Mi
          nodefs.available: 1%%
          nodefs.inodesFree: 1%%
          imagefs.available: 1%%
        # 2 cores / 24 GiB: keep a little for the host, hand the rest to pods.
        kubeReserved:
          cpu: 50m
          memory: 256Mi
        systemReserved:
          cpu: 50m
          memory: 512Mi
        enforceNodeAllocatable: ["pods"]
        serializeImagePulls: false
        registerNode: true
        nodeStatusReportFrequency: 10s
        """
            .formatted(
                NodeLayout.GATEWAY,
                port,
                healthzPort,
                layout.containerdSocket(),
                pki.kubeletClientCa,
                layout.kubelet());
    return write(layout.kubelet().resolve("config.yaml"), config);
  }

  /**
   * kube-proxy in nftables mode; conntrack settings zero so it leaves the host's alone, node ports
   * only on the gateway address.
   */
  static Path kubeProxy(NodeLayout layout, Path kubeconfig, int healthzPort, int metricsPort) {
    String config =
        """
        apiVersion: kubeproxy.config.k8s.io/v1alpha1
        kind: KubeProxyConfiguration
        mode: nftables
        hostnameOverride: %1$s
        clientConnection:
          kubeconfig: %2$s
        clusterCIDR: %3$s
        healthzBindAddress: 127.0.0.1:%4$d
        metricsBindAddress: 127.0.0.1:%5$d
        nodePortAddresses: ["%6$s/32"]
        conntrack:
          maxPerCore: 0
          min: 0
          tcpEstablishedTimeout: 0s
          tcpCloseWaitTimeout: 0s
          udpTimeout: 0s
          udpStreamTimeout: 0s
        """
            .formatted(
                NodeLayout.NODE_NAME,
                kubeconfig,
                NodeLayout.POD_SUBNET,
                healthzPort,
                metricsPort,
                NodeLayout.GATEWAY);
    return write(layout.kubeProxy().resolve("config.yaml"), config);
  }

  static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
