package dev.c8s.controller.run;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pods of step Jobs created but not created themselves yet, per namespace: a ResourceQuota's {@code
 * used} counts a pod only once it exists, so without this ledger several runs starting at once (a
 * matrix push) would all see the same room, and Kubernetes would refuse the extra pods while their
 * steps showed Running.
 */
@ApplicationScoped
public class QuotaReservations {
  /** After this, a reservation is dropped even if its Job never reported a pod (it was deleted). */
  static final Duration EXPIRY = Duration.ofMinutes(1);

  private final Map<String, Map<String, Reservation>> byNamespace = new ConcurrentHashMap<>();

  private record Reservation(PodSpec pod, Instant at) {}

  /** The monitor to hold while checking a namespace's quota and creating a Job in it. */
  Object lock(String namespace) {
    return byNamespace.computeIfAbsent(namespace, n -> new ConcurrentHashMap<>());
  }

  /** Pods reserved in {@code namespace} that its quotas do not count yet. */
  List<PodSpec> pending(String namespace, Instant now) {
    Map<String, Reservation> reservations = byNamespace.get(namespace);
    if (reservations == null) {
      return List.of();
    }
    reservations.values().removeIf(r -> r.at().plus(EXPIRY).isBefore(now));
    return reservations.values().stream().map(Reservation::pod).toList();
  }

  void reserve(String namespace, String job, PodSpec pod, Instant now) {
    byNamespace
        .computeIfAbsent(namespace, n -> new ConcurrentHashMap<>())
        .put(job, new Reservation(pod, now));
  }

  /** The Job has a pod (running or done), so the quota counts it, or it is gone. */
  void release(String namespace, String job) {
    Map<String, Reservation> reservations = byNamespace.get(namespace);
    if (reservations != null) {
      reservations.remove(job);
    }
  }

  /** Releases the reservation of {@code job} once its status shows that its pod exists. */
  void releaseIfCounted(Job job) {
    var status = job.getStatus();
    boolean podExists =
        status != null
            && (positive(status.getActive())
                || positive(status.getSucceeded())
                || positive(status.getFailed())
                || positive(status.getReady())
                || positive(status.getTerminating()));
    if (podExists) {
      release(job.getMetadata().getNamespace(), job.getMetadata().getName());
    }
  }

  private static boolean positive(Integer value) {
    return value != null && value > 0;
  }
}
