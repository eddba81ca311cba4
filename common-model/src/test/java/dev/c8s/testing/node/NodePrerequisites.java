package dev.c8s.testing.node;

import dev.c8s.testing.ControlPlaneBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks everything the real node needs up front and names what is missing and its fix. */
final class NodePrerequisites {
  /** Host tools, from Debian packages prepare.sh installs. */
  private static final List<String> HOST_TOOLS =
      List.of(
          "containerd",
          "containerd-shim-runc-v2",
          "ctr",
          "runc",
          "nft",
          "iptables",
          "iptables-save",
          "iptables-restore",
          "ip",
          "mount",
          "umount",
          "nsenter");

  private static final List<String> CNI_PLUGINS = List.of("bridge", "host-local", "loopback");

  private NodePrerequisites() {}

  /** Throws one message listing every missing piece; returns quietly when all is there. */
  static void check() {
    List<String> missing = new ArrayList<>();
    String uid = HostCommands.run("id", "-u").output().strip();
    if (!"0".equals(uid)) {
      missing.add(
          "root: kubelet, containerd and runc need it (uid is "
              + uid
              + "); run the tests as root, or skip them with -Dc8s.node.skip=true");
    }
    for (String tool : HOST_TOOLS) {
      if (!HostCommands.onPath(tool)) {
        missing.add(tool + " (not on the PATH): sudo " + NodeImages.PREPARE + " installs it");
      }
    }
    for (String plugin : CNI_PLUGINS) {
      if (!Files.isExecutable(Path.of("/usr/lib/cni", plugin))) {
        missing.add(
            "/usr/lib/cni/"
                + plugin
                + ": sudo "
                + NodeImages.PREPARE
                + " installs the CNI plugins");
      }
    }
    for (String binary : NodeLayout.KUBERNETES_BINARIES) {
      if (!Files.isExecutable(NodeLayout.binary(binary))) {
        missing.add(
            NodeLayout.binary(binary)
                + ": build the Kubernetes binaries with scripts/control-plane-binaries.sh");
      }
    }
    if (!Files.isDirectory(Path.of("/sys/fs/cgroup"))) {
      missing.add("/sys/fs/cgroup: kubelet needs cgroups mounted");
    }
    try {
      NodeImages.archives();
    } catch (IllegalStateException e) {
      missing.add(e.getMessage());
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "The real test node cannot start (Kubernetes "
              + ControlPlaneBinaries.version()
              + "); missing:\n - "
              + String.join("\n - ", missing));
    }
  }
}
