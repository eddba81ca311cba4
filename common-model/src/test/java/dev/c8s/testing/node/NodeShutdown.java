package dev.c8s.testing.node;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/** Stops the real node in the order that leaves nothing behind, then restores the host. */
final class NodeShutdown {
  private NodeShutdown() {}

  /**
   * Controllers first (so nothing recreates pods), then the pods through kubelet (which tears down
   * their networks and mounts), kubelet, kube-proxy and its rules, containerd, the control plane;
   * finally {@link HostState#restore} for whatever is left.
   */
  static void run(
      NodeLayout layout, NodeProcesses processes, KubernetesClient client, boolean hostChanged) {
    processes.stop("kube-controller-manager", 10);
    processes.stop("kube-scheduler", 10);
    if (client != null && processes.running("kubelet") && processes.running("kube-apiserver")) {
      deletePods(layout, client);
    }
    processes.stop("kubelet", 15);
    processes.stop("kube-proxy", 10);
    if (hostChanged) {
      HostCommands.run(null, 60, NodeLayout.binary("kube-proxy").toString(), "--cleanup");
    }
    processes.stop("containerd", 15);
    processes.stopAll();
    if (hostChanged) {
      keepLogs(layout);
      HostState.restore(layout, HostState.saved(layout));
    }
  }

  private static void deletePods(NodeLayout layout, KubernetesClient client) {
    try {
      client.pods().inAnyNamespace().withGracePeriod(1).delete();
      String socket = layout.containerdSocket().toString();
      Awaitility.await("pods deleted by kubelet")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(
              () ->
                  client.pods().inAnyNamespace().list().getItems().isEmpty()
                      && HostCommands.run("ctr", "-a", socket, "-n", "k8s.io", "tasks", "ls", "-q")
                          .output()
                          .isBlank());
    } catch (RuntimeException e) {
      // HostState.restore kills and unmounts whatever kubelet did not get to.
      System.err.println("[real-node] pods were not all deleted in time: " + e.getMessage());
    }
  }

  /** Copies the component logs to {@code -Dc8s.node.logs} (default target/real-node-logs). */
  private static void keepLogs(NodeLayout layout) {
    Path target = Path.of(System.getProperty("c8s.node.logs", "target/real-node-logs"));
    if (!Files.isDirectory(layout.logs())
        || (target.getParent() != null && !Files.isDirectory(target.getParent()))) {
      return;
    }
    try (Stream<Path> logs = Files.list(layout.logs())) {
      Files.createDirectories(target);
      for (Path log : logs.toList()) {
        Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      System.err.println("[real-node] could not keep the logs: " + e);
    }
  }
}
