package dev.c8s.testing.node;

import java.util.ArrayList;
import java.util.List;

/** The node's bridge and the firewall rules that keep pod traffic on this machine. */
final class HostNetwork {
  private HostNetwork() {}

  /**
   * Creates the CNI bridge with the gateway address before anything starts, so kube-apiserver and
   * test servers can bind to the gateway from the first second; the bridge plugin adopts it.
   */
  static void createBridge() {
    HostCommands.run("ip", "link", "add", NodeLayout.BRIDGE, "type", "bridge").orThrow();
    HostCommands.run(
            "ip",
            "addr",
            "add",
            NodeLayout.GATEWAY + "/" + NodeLayout.POD_PREFIX,
            "dev",
            NodeLayout.BRIDGE)
        .orThrow();
    HostCommands.run("ip", "link", "set", NodeLayout.BRIDGE, "up").orThrow();
  }

  /**
   * Rejects forwarded traffic between the bridge and any other interface: a step that tries the
   * internet fails at once instead of sending packets off the machine, and nothing outside can
   * route into the pods. Pods still reach each other and every address of the host itself.
   */
  static void blockEgress() {
    String rules =
        """
        table inet %1$s {
          chain forward {
            type filter hook forward priority -10; policy accept;
            iifname "%2$s" oifname != "%2$s" reject with icmpx type admin-prohibited
            oifname "%2$s" iifname != "%2$s" drop
          }
        }
        """
            .formatted(NodeLayout.NFT_TABLE, NodeLayout.BRIDGE);
    HostCommands.run(rules, 30, "nft", "-f", "-").orThrow();
  }

  /**
   * In tables the host had before the node started, deletes the chains named {@code KUBE-*} or
   * {@code CNI-*} and the rules that jump to them (tables the node created are dropped whole).
   */
  static void removeChains(String save, String restore) {
    HostCommands.Result dump = HostCommands.run(save);
    if (!dump.ok()) {
      return;
    }
    StringBuilder script = new StringBuilder();
    String table = null;
    List<String> jumps = new ArrayList<>();
    List<String> chains = new ArrayList<>();
    for (String line : dump.output().lines().toList()) {
      if (line.startsWith("*")) {
        table = line;
        jumps.clear();
        chains.clear();
      } else if (line.startsWith(":") && ours(line.substring(1).split(" ")[0])) {
        chains.add(line.substring(1).split(" ")[0]);
      } else if (line.startsWith("-A ")
          && !ours(line.split(" ")[1])
          && (line.contains(" -j KUBE-") || line.contains(" -j CNI-"))) {
        jumps.add("-D " + line.substring(3));
      } else if (line.equals("COMMIT") && table != null && !(jumps.isEmpty() && chains.isEmpty())) {
        script.append(table).append('\n');
        jumps.forEach(j -> script.append(j).append('\n'));
        chains.forEach(c -> script.append("-F ").append(c).append('\n'));
        chains.forEach(c -> script.append("-X ").append(c).append('\n'));
        script.append("COMMIT\n");
      }
    }
    if (!script.isEmpty()) {
      HostCommands.Result result = HostCommands.run(script.toString(), 30, restore, "--noflush");
      if (!result.ok()) {
        System.err.println("[real-node] " + restore + " failed: " + result.output());
      }
    }
  }

  private static boolean ours(String chain) {
    return chain.startsWith("KUBE-") || chain.startsWith("CNI-");
  }
}
