package dev.c8s.controller.bench;

import java.io.IOException;
import java.util.List;

/**
 * Pins the control plane to one core and c8s's side (the controller, this JVM with S3Proxy and the
 * plain client) to the other, as a cluster keeps its control plane on nodes of its own: the
 * benchmark then compares what each side asks of the control plane, not of two shared cores.
 */
final class CpuSplit {
  private static final String CONTROL_PLANE_CORE = "0";
  private static final String CLIENT_CORE = "1";

  private CpuSplit() {}

  /**
   * Whether {@code -Dc8s.bench.cpus=split} asks for it (default: all processes share all cores).
   */
  static boolean requested() {
    String cpus = System.getProperty("c8s.bench.cpus", "shared");
    if (!cpus.equals("split") && !cpus.equals("shared")) {
      throw new IllegalArgumentException(
          "-Dc8s.bench.cpus=" + cpus + ": use shared (the default) or split");
    }
    return cpus.equals("split");
  }

  /**
   * Pins every thread of the control plane's processes and of the controller ({@code
   * controllerPid}) and this JVM; threads started later inherit their creator's core.
   */
  static void pin(long controllerPid) {
    if (Runtime.getRuntime().availableProcessors() < 2) {
      throw new IllegalStateException("-Dc8s.bench.cpus=split needs two cores");
    }
    ProcessHandle.allProcesses()
        .filter(CpuByComponent::isControlPlane)
        .forEach(p -> taskset(CONTROL_PLANE_CORE, p.pid()));
    taskset(CLIENT_CORE, controllerPid);
    taskset(CLIENT_CORE, ProcessHandle.current().pid());
  }

  private static void taskset(String core, long pid) {
    try {
      Process taskset =
          new ProcessBuilder(List.of("taskset", "-a", "-p", "-c", core, Long.toString(pid)))
              .redirectErrorStream(true)
              .start();
      String output = new String(taskset.getInputStream().readAllBytes());
      if (taskset.waitFor() != 0) {
        throw new IllegalStateException("taskset of " + pid + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("taskset (util-linux) is needed for a CPU split", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
