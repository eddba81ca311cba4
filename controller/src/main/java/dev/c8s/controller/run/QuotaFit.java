package dev.c8s.controller.run;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a pod fits what a namespace's ResourceQuotas have left right now: a pure check on the
 * quota's {@code hard} and {@code used}, the way the quota admission plugin counts a new pod.
 */
public final class QuotaFit {
  private QuotaFit() {}

  /** The first shortage, e.g. {@code requests.cpu in ResourceQuota team-a: needs 1, 0.5 left}. */
  public static Optional<String> shortage(List<ResourceQuota> quotas, PodSpec pod) {
    return shortage(quotas, pod, List.of());
  }

  /**
   * As {@link #shortage(List, PodSpec)}, counting {@code uncounted} pods as already using the
   * quota: pods about to be created that the quota's {@code used} does not include yet.
   */
  public static Optional<String> shortage(
      List<ResourceQuota> quotas, PodSpec pod, List<PodSpec> uncounted) {
    Map<String, BigDecimal> demand = demand(pod);
    Map<String, BigDecimal> pending = new HashMap<>();
    for (PodSpec other : uncounted) {
      // Their Jobs exist, so count/jobs.batch already counts them; only their pods are missing.
      demand(other).entrySet().stream()
          .filter(e -> !e.getKey().equals("count/jobs.batch"))
          .forEach(e -> pending.merge(e.getKey(), e.getValue(), BigDecimal::add));
    }
    for (ResourceQuota quota : quotas) {
      if (quota.getStatus() == null || quota.getStatus().getHard() == null) {
        continue;
      }
      Map<String, Quantity> used =
          quota.getStatus().getUsed() == null ? Map.of() : quota.getStatus().getUsed();
      for (Map.Entry<String, Quantity> hard : quota.getStatus().getHard().entrySet()) {
        BigDecimal need = demand.get(hard.getKey());
        if (need == null) {
          continue;
        }
        BigDecimal left =
            amount(hard.getValue())
                .subtract(
                    used.containsKey(hard.getKey())
                        ? amount(used.get(hard.getKey()))
                        : BigDecimal.ZERO)
                .subtract(pending.getOrDefault(hard.getKey(), BigDecimal.ZERO));
        if (need.compareTo(left) > 0) {
          return Optional.of(
              hard.getKey()
                  + " in ResourceQuota "
                  + quota.getMetadata().getName()
                  + ": needs "
                  + need.stripTrailingZeros().toPlainString()
                  + ", "
                  + left.max(BigDecimal.ZERO).stripTrailingZeros().toPlainString()
                  + " left");
        }
      }
    }
    return Optional.empty();
  }

  /** What creating one pod (and its Job) adds to each quota key. */
  static Map<String, BigDecimal> demand(PodSpec pod) {
    Map<String, BigDecimal> demand = new HashMap<>();
    for (String kind : List.of("requests", "limits")) {
      for (String resource : List.of("cpu", "memory")) {
        BigDecimal containers = sum(pod.getContainers(), kind, resource);
        BigDecimal init = max(pod.getInitContainers(), kind, resource);
        BigDecimal effective = containers.max(init);
        demand.put(kind + "." + resource, effective);
        if (kind.equals("requests")) {
          demand.put(resource, effective);
        }
      }
    }
    demand.put("pods", BigDecimal.ONE);
    demand.put("count/pods", BigDecimal.ONE);
    demand.put("count/jobs.batch", BigDecimal.ONE);
    return demand;
  }

  private static BigDecimal sum(List<Container> containers, String kind, String resource) {
    return containers == null
        ? BigDecimal.ZERO
        : containers.stream()
            .map(c -> amount(c, kind, resource))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal max(List<Container> containers, String kind, String resource) {
    return containers == null
        ? BigDecimal.ZERO
        : containers.stream()
            .map(c -> amount(c, kind, resource))
            .reduce(BigDecimal.ZERO, BigDecimal::max);
  }

  private static BigDecimal amount(Container c, String kind, String resource) {
    if (c.getResources() == null) {
      return BigDecimal.ZERO;
    }
    Map<String, Quantity> values =
        kind.equals("requests") ? c.getResources().getRequests() : c.getResources().getLimits();
    return values == null || !values.containsKey(resource)
        ? BigDecimal.ZERO
        : amount(values.get(resource));
  }

  private static BigDecimal amount(Quantity quantity) {
    return Quantity.getAmountInBytes(quantity);
  }
}
