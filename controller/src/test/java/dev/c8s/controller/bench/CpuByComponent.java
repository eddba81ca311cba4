package dev.c8s.controller.bench;

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

  private final Map<String, Duration> used;

  private CpuByComponent(Map<String, Duration> used) {
    this.used = used;
  }

  /** Now; {@code controllerPid} below zero when no controller runs. */
  static CpuByComponent snapshot(long controllerPid) {
    Map<String, Duration> used = new LinkedHashMap<>();
    BINARIES.forEach(b -> used.put(b, Duration.ZERO));
    used.put("c8s controller", Duration.ZERO);
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
    return new CpuByComponent(used);
  }

  private static String component(ProcessHandle p, long controllerPid, long self) {
    if (p.pid() == controllerPid) {
      return "c8s controller";
    }
    if (p.pid() == self) {
      return "benchmark JVM (S3Proxy, watches, plain client)";
    }
    String command = p.info().command().orElse("");
    String binary = command.substring(command.lastIndexOf('/') + 1);
    return BINARIES.contains(binary) ? binary : null;
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

  Duration total() {
    return used.values().stream().reduce(Duration.ZERO, Duration::plus);
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
            direct.total().toMillis() / (double) steps);
  }
}
