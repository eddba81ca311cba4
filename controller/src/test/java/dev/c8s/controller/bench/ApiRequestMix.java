package dev.c8s.controller.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every client's requests the kube-apiserver served, by verb, resource and subresource, from its
 * {@code apiserver_request_total} counters: what a phase asked of the control plane, the
 * controller-manager's, scheduler's and kwok's requests included (the audit log counts only c8s's).
 */
final class ApiRequestMix {
  private static final Pattern SAMPLE =
      Pattern.compile("^apiserver_request_total\\{(.*)} (\\S+)$", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final Map<String, Double> counts;

  private ApiRequestMix(Map<String, Double> counts) {
    this.counts = counts;
  }

  /** The counters now; empty when the metrics cannot be read (the report then says so). */
  static ApiRequestMix snapshot(KubernetesClient client) {
    Map<String, Double> counts = new TreeMap<>();
    try {
      Matcher sample = SAMPLE.matcher(client.raw("/metrics"));
      while (sample.find()) {
        Map<String, String> labels = new TreeMap<>();
        Matcher label = LABEL.matcher(sample.group(1));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
        String subresource = labels.getOrDefault("subresource", "");
        String kind =
            labels.get("verb")
                + " "
                + labels.get("resource")
                + (subresource.isEmpty() ? "" : "/" + subresource);
        counts.merge(kind, Double.parseDouble(sample.group(2)), Double::sum);
      }
    } catch (RuntimeException e) {
      counts.clear();
    }
    return new ApiRequestMix(counts);
  }

  /** The requests served since {@code earlier}. */
  ApiRequestMix since(ApiRequestMix earlier) {
    Map<String, Double> delta = new TreeMap<>();
    counts.forEach((k, v) -> delta.put(k, v - earlier.counts.getOrDefault(k, 0.0)));
    return new ApiRequestMix(delta);
  }

  /** "kind c8s (plain)" per step for every kind either phase made at least 0.05 per step of. */
  static String table(ApiRequestMix c8s, ApiRequestMix plain, int steps) {
    if (c8s.counts.isEmpty() || plain.counts.isEmpty()) {
      return "kube-apiserver requests per step: unavailable (its /metrics could not be read)";
    }
    Map<String, Double> all = new TreeMap<>(c8s.counts);
    plain.counts.forEach((k, v) -> all.merge(k, 0.0, Double::sum));
    String rows =
        all.keySet().stream()
            .filter(
                k ->
                    Math.max(c8s.counts.getOrDefault(k, 0.0), plain.counts.getOrDefault(k, 0.0))
                        >= 0.05 * steps)
            .map(
                k ->
                    String.format(
                        "| %s | %.2f | %.2f |",
                        k,
                        c8s.counts.getOrDefault(k, 0.0) / steps,
                        plain.counts.getOrDefault(k, 0.0) / steps))
            .collect(Collectors.joining("\n"));
    return "| kube-apiserver requests per step, all clients | c8s | plain client |\n|---|---|---|\n"
        + rows
        + String.format("%n| all | %.2f | %.2f |", c8s.total() / steps, plain.total() / steps);
  }

  private double total() {
    return counts.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
