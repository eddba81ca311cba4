package dev.c8s.controller.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time the machine's control-plane processes, the controller and this JVM have used, by
 * component: where the two cores went during a measured phase (a difference of two snapshots).
 */
final class CpuByComponent {
  private static final List<String> BINARIES =
      List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok");
  static final String CONTROLLER = "c8s controller";
  static final String CONTROLLER_JIT = "(of which the controller's JIT compiler threads)";
  static final String CONTROLLER_GC = "(of which the controller's garbage collector threads)";

  private final Map<String, Duration> used;

  private CpuByComponent(Map<String, Duration> used) {
    this.used = used;
  }

  /** Now; {@code controllerPid} below zero when no controller runs. */
  static CpuByComponent snapshot(long controllerPid) {
    Map<String, Duration> used = new LinkedHashMap<>();
    BINARIES.forEach(b -> used.put(b, Duration.ZERO));
    used.put(CONTROLLER, Duration.ZERO);
    used.put(CONTROLLER_JIT, Duration.ZERO);
    used.put(CONTROLLER_GC, Duration.ZERO);
    used.put("benchmark JVM (S3Proxy, watches, plain client)", Duration.ZERO);
    long self = ProcessHandle.current().pid();
    ProcessHandle.allProcesses()
        .forEach(
            p -> {
              String component = component(p, controllerPid, self);
              if (component != null) {
                Duration cpu = p.info().totalCpuDuration().orElse(Duration.ZERO);
                used.merge(component, cpu, Duration::plus);
              }
            });
    if (controllerPid >= 0) {
      used.put(CONTROLLER_JIT, threads(controllerPid, "CompilerThre"));
      // G1's threads: "GC Thread#n" (pauses), "G1 Conc#n", "G1 Refine#n", "G1 Main Marker".
      used.put(CONTROLLER_GC, threads(controllerPid, "GC Thread", "G1 "));
    }
    return new CpuByComponent(used);
  }

  private static String component(ProcessHandle p, long controllerPid, long self) {
    if (p.pid() == controllerPid) {
      return CONTROLLER;
    }
    if (p.pid() == self) {
      return "benchmark JVM (S3Proxy, watches, plain client)";
    }
    return isControlPlane(p) ? binary(p) : null;
  }

  /** Whether {@code p} is one of the control plane's processes (kwok's nodes included). */
  static boolean isControlPlane(ProcessHandle p) {
    return BINARIES.contains(binary(p));
  }

  private static String binary(ProcessHandle p) {
    String command = p.info().command().orElse("");
    return command.substring(command.lastIndexOf('/') + 1);
  }

  /**
   * CPU of the JVM's threads whose names start with one of {@code prefixes}, from {@code /proc}:
   * the C1 and C2 compilers' (warm-up, which a long-running controller pays once) and the garbage
   * collector's, so the report shows how much of the measured CPU each was.
   */
  private static Duration threads(long pid, String... prefixes) {
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String name = Files.readString(task.resolve("comm"));
          if (java.util.Arrays.stream(prefixes).anyMatch(name::contains)) {
            String stat = Files.readString(task.resolve("stat"));
            // Fields after the ")" closing the thread's name; utime and stime are the 12th and
            // 13th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          }
        } catch (IOException | RuntimeException e) {
          // The thread ended meanwhile and its time is gone from /proc: the figure comes out low.
          // With one processor the JVM keeps its one C1 and one C2 thread for its whole life.
        }
      }
    } catch (IOException e) {
      return Duration.ZERO;
    }
    // USER_HZ is 100 on Linux for every architecture the JDK supports.
    return Duration.ofMillis(ticks * 10);
  }

  /** CPU used since {@code earlier}, by component. */
  CpuByComponent since(CpuByComponent earlier) {
    Map<String, Duration> delta = new LinkedHashMap<>();
    used.forEach((k, v) -> delta.put(k, v.minus(earlier.used.getOrDefault(k, Duration.ZERO))));
    return new CpuByComponent(delta);
  }

  Duration of(String component) {
    return used.getOrDefault(component, Duration.ZERO);
  }

  /** CPU of the control plane's processes alone: what a split run's one core did. */
  Duration controlPlane() {
    return BINARIES.stream().map(this::of).reduce(Duration.ZERO, Duration::plus);
  }

  Duration total() {
    return used.entrySet().stream()
        .filter(e -> !e.getKey().equals(CONTROLLER_JIT) && !e.getKey().equals(CONTROLLER_GC))
        .map(Map.Entry::getValue)
        .reduce(Duration.ZERO, Duration::plus);
  }

  /** "component 12.3 s" entries, in a fixed order. */
  static String table(CpuByComponent controller, CpuByComponent direct, int steps) {
    return controller.used.keySet().stream()
            .map(
                k ->
                    String.format(
                        "| %s | %.1f s (%.0f ms/step) | %.1f s (%.0f ms/step) |",
                        k,
                        controller.of(k).toMillis() / 1000.0,
                        controller.of(k).toMillis() / (double) steps,
                        direct.of(k).toMillis() / 1000.0,
                        direct.of(k).toMillis() / (double) steps))
            .collect(Collectors.joining("\n"))
        + String.format(
            "%n| all | %.1f s (%.0f ms/step) | %.1f s (%.0f ms/step) |",
            controller.total().toMillis() / 1000.0,
            controller.total().toMillis() / (double) steps,
            direct.total().toMillis() / 1000.0,
            direct.total().toMillis() / (double) steps)
        + String.format(
            "%n| (of which the control plane) | %.1f s (%.0f ms/step) | %.1f s (%.0f ms/step) |",
            controller.controlPlane().toMillis() / 1000.0,
            controller.controlPlane().toMillis() / (double) steps,
            direct.controlPlane().toMillis() / 1000.0,
            direct.controlPlane().toMillis() / (double) steps);
  }
}
