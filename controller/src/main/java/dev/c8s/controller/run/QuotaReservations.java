package dev.c8s.controller.run;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Pods of step Jobs created whose usage the cached ResourceQuotas do not show yet, per namespace: a
 * quota's {@code used} counts a pod only once it exists, so without this ledger several runs
 * starting at once (a matrix push) would all see the same room, and Kubernetes would refuse the
 * extra pods while their steps showed Running.
 */
@ApplicationScoped
public class QuotaReservations {
  /** After this, a reservation is dropped whatever happened (its Job may have been deleted). */
  static final Duration EXPIRY = Duration.ofMinutes(1);

  private final Map<String, Map<String, Reservation>> byNamespace = new ConcurrentHashMap<>();

  /**
   * @param quotaVersions the cached quotas' resource versions when the Job was created
   * @param podExists whether the Job has reported its pod, which the quota then counts
   */
  private record Reservation(PodSpec pod, Instant at, String quotaVersions, boolean podExists) {}

  /** The monitor to hold while checking a namespace's quota and reserving room in it. */
  Object lock(String namespace) {
    return byNamespace.computeIfAbsent(namespace, n -> new ConcurrentHashMap<>());
  }

  /**
   * Pods reserved in {@code namespace} that {@code quotas} (the cache, read under the lock) does
   * not count yet: a reservation ends once its pod exists and the cached quotas changed since.
   */
  List<PodSpec> pending(String namespace, List<ResourceQuota> quotas, Instant now) {
    Map<String, Reservation> reservations = byNamespace.get(namespace);
    if (reservations == null) {
      return List.of();
    }
    String versions = versions(quotas);
    reservations
        .values()
        .removeIf(
            r ->
                r.at().plus(EXPIRY).isBefore(now)
                    || (r.podExists() && !r.quotaVersions().equals(versions)));
    return reservations.values().stream().map(Reservation::pod).toList();
  }

  void reserve(String namespace, String job, PodSpec pod, List<ResourceQuota> quotas, Instant now) {
    byNamespace
        .computeIfAbsent(namespace, n -> new ConcurrentHashMap<>())
        .put(job, new Reservation(pod, now, versions(quotas), false));
  }

  /** The Job was not created (refused, failed) or is gone: nothing to count. */
  void release(String namespace, String job) {
    Map<String, Reservation> reservations = byNamespace.get(namespace);
    if (reservations != null) {
      reservations.remove(job);
    }
  }

  /** Notes that {@code job}'s pod exists once its status says so. */
  void observed(Job job) {
    var status = job.getStatus();
    boolean podExists =
        status != null
            && (positive(status.getActive())
                || positive(status.getSucceeded())
                || positive(status.getFailed())
                || positive(status.getReady())
                || positive(status.getTerminating()));
    Map<String, Reservation> reservations = byNamespace.get(job.getMetadata().getNamespace());
    if (podExists && reservations != null) {
      reservations.computeIfPresent(
          job.getMetadata().getName(),
          (name, r) -> new Reservation(r.pod(), r.at(), r.quotaVersions(), true));
    }
  }

  private static String versions(List<ResourceQuota> quotas) {
    return quotas.stream()
        .map(q -> q.getMetadata().getName() + "@" + q.getMetadata().getResourceVersion())
        .sorted()
        .collect(Collectors.joining(","));
  }

  private static boolean positive(Integer value) {
    return value != null && value > 0;
  }
}
