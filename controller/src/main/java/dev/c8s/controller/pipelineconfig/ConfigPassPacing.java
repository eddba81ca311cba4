package dev.c8s.controller.pipelineconfig;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one full pass per PipelineConfig per {@link #INTERVAL}. A pass reads every kept run of
 * the config (up to its {@code historyLimit}, 10,000 at most), and a burst of runs wakes the config
 * with every run that starts or ends: unpaced, the config's passes grew with runs × kept runs. A
 * wake-up within the interval defers the pass to the interval's end (it is rescheduled), and that
 * pass sees everything since; nothing is dropped. The first wake-up after a quiet interval is not
 * deferred (decisions 0072, 0077).
 */
final class ConfigPassPacing {
  /** Shortest time between two full passes of one PipelineConfig. */
  static final Duration INTERVAL = Duration.ofSeconds(1);

  /** Configs not passed for this long are forgotten, so the map does not grow with deletions. */
  private static final Duration FORGET_AFTER = Duration.ofMinutes(5);

  /**
   * When each config's last full pass began, in {@link System#nanoTime()} (immune to clock steps).
   */
  private final Map<ResourceID, Long> lastPass = new ConcurrentHashMap<>();

  /** How long {@code config} must wait before its next full pass, if it must; empty: pass now. */
  Optional<Duration> waitBeforePass(ResourceID config) {
    Long last = lastPass.get(config);
    if (last == null) {
      return Optional.empty();
    }
    Duration since = Duration.ofNanos(System.nanoTime() - last);
    if (since.compareTo(INTERVAL) >= 0) {
      return Optional.empty();
    }
    // In whole milliseconds, rounded up: the SDK drops the rest, and a 0 ms wait would pass again
    // at once, still within the interval.
    long nanos = INTERVAL.minus(since).toNanos();
    return Optional.of(Duration.ofMillis(Math.max(1, (nanos + 999_999) / 1_000_000)));
  }

  /** Records a full pass of {@code config} beginning now. */
  void passing(ResourceID config) {
    long now = System.nanoTime();
    lastPass.put(config, now);
    if (lastPass.size() > 1_000) {
      lastPass.values().removeIf(at -> now - at > FORGET_AFTER.toNanos());
    }
  }
}
