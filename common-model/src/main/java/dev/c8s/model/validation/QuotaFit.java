package dev.c8s.model.validation;

import dev.c8s.model.v1alpha1.Patterns;
import dev.c8s.model.v1alpha1.Step;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Compares step resources with ResourceQuota hard limits; a step uses its value as both. */
final class QuotaFit {
  /** A step's resource as the quota sees it: CPU or memory, with its default. */
  enum Resource {
    CPU("cpu", "500m", Patterns.CPU, "requests.cpu", "limits.cpu", "cpu"),
    MEMORY("memory", "1Gi", Patterns.MEMORY, "requests.memory", "limits.memory", "memory");

    final String field;
    final String defaultValue;
    final Pattern pattern;
    final List<String> quotaKeys;

    Resource(String field, String defaultValue, String pattern, String... quotaKeys) {
      this.field = field;
      this.defaultValue = defaultValue;
      this.pattern = Pattern.compile(pattern);
      this.quotaKeys = List.of(quotaKeys);
    }

    /** The step's value, the default when unset, or null when invalid (reported elsewhere). */
    String valueOf(Step step) {
      String value = step.getResources() == null ? null : rawValue(step);
      if (value == null) {
        return defaultValue;
      }
      return pattern.matcher(value).matches() ? value : null;
    }

    boolean isDefaulted(Step step) {
      return step.getResources() == null || rawValue(step) == null;
    }

    private String rawValue(Step step) {
      return this == CPU ? step.getResources().getCpu() : step.getResources().getMemory();
    }

    /** {@code 4 CPU} or {@code 8Gi of memory}. */
    String describe(String amount) {
      return this == CPU ? amount + " CPU" : amount + " of memory";
    }

    String format(BigDecimal amount) {
      return this == CPU ? Quantities.formatCpu(amount) : Quantities.formatMemory(amount);
    }
  }

  /** The quota limit {@code need} exceeds: which quota, which key, and its hard value. */
  record Excess(String quota, String key, String hard) {
    String describe() {
      return "ResourceQuota " + Texts.quote(quota) + " allows at most " + hard + " (" + key + ")";
    }
  }

  private QuotaFit() {}

  /** The smallest hard limit for {@code resource} that {@code need} exceeds, if any. */
  static Optional<Excess> tightestExceeded(
      Resource resource, BigDecimal need, Map<String, Map<String, String>> quotas) {
    Excess tightest = null;
    BigDecimal tightestLimit = null;
    for (Map.Entry<String, Map<String, String>> quota : new TreeMap<>(quotas).entrySet()) {
      Map<String, String> hard = quota.getValue() == null ? Map.of() : quota.getValue();
      for (String key : resource.quotaKeys) {
        Optional<BigDecimal> limit = Quantities.parse(hard.get(key));
        if (limit.isPresent()
            && need.compareTo(limit.get()) > 0
            && (tightestLimit == null || limit.get().compareTo(tightestLimit) < 0)) {
          tightest = new Excess(quota.getKey(), key, hard.get(key));
          tightestLimit = limit.get();
        }
      }
    }
    return Optional.ofNullable(tightest);
  }

  /** The sum of {@code resource} over {@code steps}, skipping steps with invalid values. */
  static BigDecimal sum(Resource resource, List<Step> steps) {
    return steps.stream()
        .map(step -> step == null ? null : resource.valueOf(step))
        .map(value -> value == null ? Optional.<BigDecimal>empty() : Quantities.parse(value))
        .flatMap(Optional::stream)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
