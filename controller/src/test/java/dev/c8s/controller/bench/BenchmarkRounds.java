package dev.c8s.controller.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The rounds of a controller benchmark side by side, and the median of each figure: on a shared
 * machine one phase can run in a slow minute, and the ratio of one round then says more about the
 * minute than about c8s (docs/performance.md).
 */
final class BenchmarkRounds {
  private final int steps;
  private final List<ControllerBenchmark.Result> c8s = new ArrayList<>();
  private final List<ControllerBenchmark.Result> plain = new ArrayList<>();

  BenchmarkRounds(int stepsPerPhase) {
    this.steps = stepsPerPhase;
  }

  void add(ControllerBenchmark.Result controller, ControllerBenchmark.Result baseline) {
    c8s.add(controller);
    plain.add(baseline);
  }

  double ratio(int round) {
    return c8s.get(round).runsPerSecond() / plain.get(round).runsPerSecond();
  }

  @Override
  public String toString() {
    StringBuilder table = new StringBuilder();
    table
        .append("| round | c8s runs/s (plain) | ratio | machine CPU per step, c8s (plain) |")
        .append(" control plane CPU per step, c8s (plain) |")
        .append(" controller CPU per step (JIT, GC) | p99 first / next Job, c8s (plain) |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (int r = 0; r < c8s.size(); r++) {
      table.append(
          String.format(
              "| %d | %.2f (%.2f) | %.2f | %.0f ms (%.0f) | %.0f ms (%.0f) | %.0f ms (%.0f, %.0f) |"
                  + " %d / %d ms (%d / %d) |%n",
              r + 1,
              c8s.get(r).runsPerSecond(),
              plain.get(r).runsPerSecond(),
              ratio(r),
              machine(c8s.get(r)),
              machine(plain.get(r)),
              controlPlane(c8s.get(r)),
              controlPlane(plain.get(r)),
              controller(c8s.get(r), CpuByComponent.CONTROLLER),
              controller(c8s.get(r), CpuByComponent.CONTROLLER_JIT),
              controller(c8s.get(r), CpuByComponent.CONTROLLER_GC),
              c8s.get(r).firstJob().at(99),
              c8s.get(r).nextJob().at(99),
              plain.get(r).firstJob().at(99),
              plain.get(r).nextJob().at(99)));
    }
    List<Double> ratios = new ArrayList<>();
    for (int r = 0; r < c8s.size(); r++) {
      ratios.add(ratio(r));
    }
    table.append(
        String.format(
            "| median | %.2f (%.2f) | %.2f (%.2f–%.2f) | %.0f ms (%.0f) | %.0f ms (%.0f) | %.0f ms |  |",
            median(c8s, ControllerBenchmark.Result::runsPerSecond),
            median(plain, ControllerBenchmark.Result::runsPerSecond),
            median(ratios),
            ratios.stream().min(Comparator.naturalOrder()).orElse(0.0),
            ratios.stream().max(Comparator.naturalOrder()).orElse(0.0),
            median(c8s, this::machine),
            median(plain, this::machine),
            median(c8s, this::controlPlane),
            median(plain, this::controlPlane),
            median(c8s, r -> controller(r, CpuByComponent.CONTROLLER))));
    return table.toString();
  }

  private double machine(ControllerBenchmark.Result result) {
    return result.cpu().total().toMillis() / (double) steps;
  }

  private double controlPlane(ControllerBenchmark.Result result) {
    return result.cpu().controlPlane().toMillis() / (double) steps;
  }

  private double controller(ControllerBenchmark.Result result, String row) {
    return result.cpu().of(row).toMillis() / (double) steps;
  }

  private static double median(
      List<ControllerBenchmark.Result> results, ToDoubleFunction<ControllerBenchmark.Result> f) {
    return median(results.stream().map(f::applyAsDouble).toList());
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
