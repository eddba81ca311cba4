package dev.c8s.testing;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kube-controller-manager (Jobs, garbage collection), kube-scheduler and kwok (a fake node whose
 * pods run per {@code scripts/kwok/stages.yaml}) beside a running API server.
 */
final class Workloads implements AutoCloseable {
  /** Annotation on the fake node that tells kwok to manage it. */
  static final String FAKE_NODE_ANNOTATION = "kwok.x-k8s.io/node";

  private final List<Process> processes = new ArrayList<>();
  private final Path logs;

  private Workloads(Path logs) {
    this.logs = logs;
  }

  static Workloads start(KubernetesClient client, Path kubeConfig, Path workDir) {
    Workloads workloads = new Workloads(workDir.resolve("logs"));
    try {
      Files.createDirectories(workloads.logs);
      String kc = kubeConfig.toString();
      workloads.launch(
          "kube-controller-manager",
          "--kubeconfig=" + kc,
          "--authentication-kubeconfig=" + kc,
          "--authorization-kubeconfig=" + kc,
          "--bind-address=127.0.0.1",
          "--secure-port=0",
          "--leader-elect=false",
          "--use-service-account-credentials=false",
          // kube-api-test signs service-account tokens with its serving key.
          "--service-account-private-key-file="
              + ControlPlaneBinaries.testDir().resolve("apiserver.key"),
          "--root-ca-file=" + ControlPlaneBinaries.testDir().resolve("apiserver.crt"),
          // Its defaults (20 requests/s, 5 Jobs synced at once) made the harness, not c8s, the
          // ceiling of every run-throughput figure (docs/performance.md).
          "--kube-api-qps=200",
          "--kube-api-burst=400",
          "--concurrent-job-syncs=20",
          "--profiling=false");
      workloads.launch(
          "kube-scheduler",
          "--kubeconfig=" + kc,
          "--authentication-kubeconfig=" + kc,
          "--authorization-kubeconfig=" + kc,
          "--bind-address=127.0.0.1",
          "--secure-port=0",
          "--leader-elect=false",
          "--profiling=false");
      Path stages = ControlPlaneBinaries.repositoryRoot().resolve("scripts/kwok/stages.yaml");
      Path logs = FakeStepLog.write(workDir);
      int kubeletPort = freePort();
      Path certs = ControlPlaneBinaries.testDir();
      workloads.launch(
          "kwok",
          "--kubeconfig=" + kc,
          "--manage-all-nodes=false",
          "--manage-nodes-with-annotation-selector=" + FAKE_NODE_ANNOTATION + "=fake",
          "--config=" + stages + "," + logs,
          "--cidr=10.128.0.1/16",
          "--node-ip=127.0.0.1",
          // kwok plays the kubelet's HTTPS server too, so the API server can fetch pod logs.
          "--server-address=127.0.0.1:" + kubeletPort,
          "--node-port=" + kubeletPort,
          "--tls-cert-file=" + certs.resolve("apiserver.crt"),
          "--tls-private-key-file=" + certs.resolve("apiserver.key"));
      workloads.addFakeNode(client, "kwok-node-0");
      return workloads;
    } catch (IOException | RuntimeException e) {
      workloads.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void launch(String binary, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ControlPlaneBinaries.require(binary).toString());
    command.addAll(List.of(args));
    processes.add(
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve(binary + ".log").toFile())
            .start());
  }

  private void addFakeNode(KubernetesClient client, String name) {
    Node node =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .addToAnnotations(FAKE_NODE_ANNOTATION, "fake")
            .addToLabels("kubernetes.io/hostname", name)
            .addToLabels("kubernetes.io/os", "linux")
            .addToLabels("kubernetes.io/arch", "amd64")
            .addToLabels("type", "kwok")
            .endMetadata()
            .build();
    client.nodes().resource(node).create();
    client.nodes().withName(name).waitUntilCondition(Workloads::ready, 120, TimeUnit.SECONDS);
  }

  private static boolean ready(Node node) {
    return node != null
        && node.getStatus() != null
        && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The log file of one component, for diagnosing a failed test. */
  Path log(String binary) {
    return logs.resolve(binary + ".log");
  }

  @Override
  public void close() {
    for (Process p : processes.reversed()) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    processes.clear();
  }
}
