package dev.c8s.testing.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What the real node changes on the host, recorded before the first change and put back after the
 * last: sysctls, nftables tables, host folders kubelet and CNI create, the bridge, cgroups, mounts.
 * Restoring is idempotent, so it also cleans up after a crashed run.
 */
final class HostState {
  /** kubelet sets the first six (protectKernelDefaults off); the bridge plugin sets ip_forward. */
  static final List<String> SYSCTLS =
      List.of(
          "vm/overcommit_memory",
          "vm/panic_on_oom",
          "kernel/panic",
          "kernel/panic_on_oops",
          "kernel/keys/root_maxkeys",
          "kernel/keys/root_maxbytes",
          "net/ipv4/ip_forward",
          "net/ipv4/conf/all/route_localnet",
          "net/bridge/bridge-nf-call-iptables",
          "net/bridge/bridge-nf-call-ip6tables",
          "net/netfilter/nf_conntrack_max");

  /** Folders kubelet, containerd's shims or CNI create outside the node directory. */
  static final List<String> HOST_PATHS =
      List.of(
          "/var/log/containers",
          "/var/log/pods",
          "/run/containerd",
          "/var/lib/cni",
          "/var/lib/kubelet",
          "/run/kubernetes",
          "/usr/libexec/kubernetes",
          "/etc/cni",
          "/opt/cni",
          "/run/netns",
          "/opt/containerd",
          "/etc/kubernetes");

  /** The binaries whose leftovers may be killed when their command line names the node dir. */
  private static final List<String> NODE_PROCESSES =
      List.of(
          "etcd",
          "kube-apiserver",
          "kube-controller-manager",
          "kube-scheduler",
          "kube-proxy",
          "kubelet",
          "containerd",
          "containerd-shim-runc-v2");

  private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

  private HostState() {}

  /** Saves what teardown must restore; call before changing anything. */
  static void record(NodeLayout layout) {
    Properties state = new Properties();
    for (String sysctl : SYSCTLS) {
      String value = HostCommands.read(Path.of("/proc/sys", sysctl));
      if (value != null) {
        state.setProperty("sysctl." + sysctl, value);
      }
    }
    for (String path : HOST_PATHS) {
      state.setProperty("existed." + path, Boolean.toString(Files.exists(Path.of(path))));
    }
    state.setProperty("nft.tables", String.join(",", nftTables()));
    try (OutputStream out = Files.newOutputStream(layout.hostState())) {
      state.store(out, "host state before the c8s real test node started");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What {@link #record} saved, or an empty set when a run crashed before saving it. */
  static Properties saved(NodeLayout layout) {
    Properties state = new Properties();
    if (Files.isRegularFile(layout.hostState())) {
      try (InputStream in = Files.newInputStream(layout.hostState())) {
        state.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return state;
  }

  /**
   * The cgroups named {@code kubepods} in every hierarchy (what kubelet's cgroupfs driver makes).
   */
  static List<Path> kubepodsCgroups() {
    if (!Files.isDirectory(CGROUPS)) {
      return List.of();
    }
    try (Stream<Path> hierarchies = Files.list(CGROUPS)) {
      return hierarchies
          .map(h -> h.resolve("kubepods"))
          .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Puts the host back: leftover processes, container processes, mounts, cgroups, the bridge,
   * firewall tables and chains, sysctls, host folders; then deletes the node directory.
   */
  static void restore(NodeLayout layout, Properties saved) {
    List<String> changes = new ArrayList<>();
    int killed = killLeftovers(layout.dir);
    if (killed > 0) {
      changes.add("killed " + killed + " leftover processes");
    }
    for (Path cgroup : kubepodsCgroups()) {
      killAll(cgroup);
    }
    int mounts = mountsUnder(layout.dir).size();
    unmountAll(layout.dir);
    if (mounts > 0) {
      changes.add("unmounted " + mounts);
    }
    List<Path> cgroups = kubepodsCgroups();
    cgroups.forEach(HostState::removeCgroup);
    if (!cgroups.isEmpty()) {
      changes.add("removed kubepods cgroups in " + cgroups.size() + " hierarchies");
    }
    if (Files.exists(Path.of("/sys/class/net", NodeLayout.BRIDGE))) {
      HostCommands.run("ip", "link", "delete", NodeLayout.BRIDGE);
      changes.add("deleted bridge " + NodeLayout.BRIDGE);
    }
    restoreFirewall(saved, changes);
    saved.stringPropertyNames().stream()
        .filter(k -> k.startsWith("sysctl."))
        .sorted()
        .forEach(
            k -> restoreSysctl(k.substring("sysctl.".length()), saved.getProperty(k), changes));
    for (String path : HOST_PATHS) {
      if ("false".equals(saved.getProperty("existed." + path)) && Files.exists(Path.of(path))) {
        deleteTree(Path.of(path));
        changes.add("removed " + path);
      }
    }
    removeLinksInto(Path.of("/var/log/containers"), layout.dir);
    System.err.println("[real-node] host restored: " + String.join(", ", changes));
    if (mountsUnder(layout.dir).isEmpty()) {
      deleteTree(layout.dir);
    } else {
      throw new IllegalStateException(
          "still mounted, not deleting " + layout.dir + ": " + mountsUnder(layout.dir));
    }
  }

  /** The nftables tables as {@code family name}, e.g. {@code ip filter}. */
  static List<String> nftTables() {
    HostCommands.Result result = HostCommands.run("nft", "list", "tables");
    return result.ok()
        ? result.output().lines().map(String::strip).filter(l -> l.startsWith("table ")).toList()
        : List.of();
  }

  private static void restoreFirewall(Properties saved, List<String> changes) {
    List<String> before =
        Arrays.stream(saved.getProperty("nft.tables", "").split(","))
            .filter(s -> !s.isBlank())
            .toList();
    for (String table : nftTables()) {
      if (!before.contains(table)) {
        // Ours (c8s_node), kube-proxy's, or iptables-nft tables that kubelet or portmap created.
        String[] familyAndName = table.substring("table ".length()).split(" ", 2);
        HostCommands.Result deleted =
            HostCommands.run("nft", "delete", "table", familyAndName[0], familyAndName[1]);
        changes.add(
            deleted.ok()
                ? "deleted nft " + table
                : "could not delete nft " + table + ": " + deleted.output().strip());
      }
    }
    // Tables the host had before: take out only the chains Kubernetes and CNI added to them.
    HostNetwork.removeChains("iptables-save", "iptables-restore");
    HostNetwork.removeChains("ip6tables-save", "ip6tables-restore");
  }

  private static void restoreSysctl(String name, String value, List<String> changes) {
    Path file = Path.of("/proc/sys", name);
    String now = HostCommands.read(file);
    if (now != null && !now.equals(value)) {
      try {
        Files.writeString(file, value);
        changes.add(name + " " + now + "->" + value);
      } catch (IOException e) {
        System.err.println("[real-node] could not restore " + name + "=" + value + ": " + e);
      }
    }
  }

  /** Kills what a crashed run left running: only our binaries whose command line names our dir. */
  private static int killLeftovers(Path dir) {
    String marker = dir.toString();
    List<ProcessHandle> victims = new ArrayList<>();
    ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .forEach(
            p -> {
              List<String> argv = commandLine(p.pid());
              if (!argv.isEmpty()
                  && NODE_PROCESSES.contains(Path.of(argv.get(0)).getFileName().toString())
                  && argv.stream().anyMatch(a -> a.contains(marker))) {
                victims.add(p);
              }
            });
    destroyAndWait(victims);
    return victims.size();
  }

  private static List<String> commandLine(long pid) {
    try {
      byte[] raw = HostCommands.readBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return raw.length == 0 ? List.of() : List.of(new String(raw).split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Kills every process in a cgroup tree (containers whose shim is gone). */
  private static void killAll(Path cgroup) {
    List<ProcessHandle> victims = new ArrayList<>();
    try (Stream<Path> files = Files.walk(cgroup)) {
      for (Path procs : files.filter(f -> f.endsWith("cgroup.procs")).toList()) {
        for (String pid : Files.readAllLines(procs)) {
          if (!pid.isBlank()) {
            ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(victims::add);
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // a cgroup vanishing while we read it is what we want anyway
    }
    destroyAndWait(victims);
  }

  private static void destroyAndWait(List<ProcessHandle> processes) {
    processes.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : processes) {
      p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join();
    }
  }

  /** Mount points at or below {@code dir}, deepest first. */
  static List<String> mountsUnder(Path dir) {
    String prefix = dir.toString();
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
      return lines
          .map(l -> unescape(l.split(" ")[4]))
          .filter(m -> m.equals(prefix) || m.startsWith(prefix + "/"))
          .distinct()
          .sorted(Comparator.comparingInt(String::length).reversed())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String unescape(String field) {
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\");
  }

  /** kubelet bind-mounts its root onto itself; pods add tmpfs, shm and netns mounts below. */
  private static void unmountAll(Path dir) {
    for (int pass = 0; pass < 5 && !mountsUnder(dir).isEmpty(); pass++) {
      for (String mount : mountsUnder(dir)) {
        HostCommands.run("umount", "--lazy", mount);
      }
    }
  }

  private static void removeCgroup(Path root) {
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> removedCgroup(root));
    } catch (ConditionTimeoutException e) {
      System.err.println("[real-node] could not remove cgroup " + root);
    }
  }

  private static boolean removedCgroup(Path root) {
    try (Stream<Path> dirs = Files.walk(root)) {
      for (Path d : dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
        // rmdir only: cgroupfs files vanish with their directory and cannot be deleted.
        try {
          Files.deleteIfExists(d);
        } catch (IOException busy) {
          // exiting processes still hold it: kill what is left and try again
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // the tree changed while walking it; try again
    }
    if (Files.exists(root)) {
      killAll(root);
      return false;
    }
    return true;
  }

  private static void removeLinksInto(Path folder, Path target) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> links = Files.list(folder)) {
      for (Path link : links.filter(Files::isSymbolicLink).toList()) {
        if (Files.readSymbolicLink(link).startsWith(target)) {
          Files.deleteIfExists(link);
        }
      }
    } catch (IOException e) {
      System.err.println("[real-node] could not clean " + folder + ": " + e);
    }
  }

  /** Deletes a tree without following symbolic links. */
  static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      System.err.println("[real-node] could not delete " + root + ": " + e);
    }
  }
}
