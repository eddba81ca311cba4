package dev.c8s.controller.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The controller's own {@code c8s_reconcile_seconds} histogram, read from its Prometheus text: how
 * long reconciliations of runs took, to tell time spent inside a reconciliation from time spent
 * waiting for one.
 */
public record ReconcileTimes(
    long count, double meanMillis, double p99AtMostMillis, double maxMillis) {
  private static final String SERIES = "c8s_reconcile_seconds";
  private static final String LABEL = "controller=\"pipelinerun\"";

  public static ReconcileTimes parse(String prometheusText) {
    long count = 0;
    double sum = 0;
    double max = 0;
    Map<Double, Long> buckets = new TreeMap<>();
    Pattern bucket = Pattern.compile("le=\"([^\"]+)\"");
    for (String line : prometheusText.lines().toList()) {
      if (line.startsWith("#") || !line.contains(LABEL)) {
        continue;
      }
      double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      if (line.startsWith(SERIES + "_count")) {
        count = (long) value;
      } else if (line.startsWith(SERIES + "_sum")) {
        sum = value;
      } else if (line.startsWith(SERIES + "_max")) {
        max = value;
      } else if (line.startsWith(SERIES + "_bucket")) {
        Matcher le = bucket.matcher(line);
        if (le.find() && !le.group(1).equals("+Inf")) {
          buckets.put(Double.parseDouble(le.group(1)), (long) value);
        }
      }
    }
    double p99 = Double.NaN;
    for (Map.Entry<Double, Long> b : buckets.entrySet()) {
      if (b.getValue() >= 0.99 * count) {
        p99 = b.getKey();
        break;
      }
    }
    return new ReconcileTimes(count, count == 0 ? 0 : sum * 1000 / count, p99 * 1000, max * 1000);
  }

  @Override
  public String toString() {
    return String.format(
        "reconciliations of runs (controller's c8s_reconcile_seconds): %d, mean %.1f ms, p99 ≤ %.0f"
            + " ms (histogram bucket), max %.0f ms (last minute)",
        count, meanMillis, p99AtMostMillis, maxMillis);
  }
}
