package dev.c8s.controller.pipelineconfig;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one statistics-only status write per PipelineConfig per {@link #INTERVAL}: a burst of
 * runs changes the statistics with every run that starts or ends, and each write is an API call on
 * the path the runs themselves need. A change that comes sooner waits for the rest of the interval
 * (the pass is rescheduled), and the write then carries everything since; nothing is dropped. A
 * write that records what the schedule did is never paced (decision 0072).
 */
final class StatisticsPacing {
  /** Shortest time between two statistics-only status writes of one PipelineConfig. */
  static final Duration INTERVAL = Duration.ofSeconds(1);

  /** Configs not written for this long are forgotten, so the map does not grow with deletions. */
  private static final Duration FORGET_AFTER = Duration.ofMinutes(5);

  /** When each config was last written, in {@link System#nanoTime()} (immune to clock steps). */
  private final Map<ResourceID, Long> lastWrite = new ConcurrentHashMap<>();

  /** How long {@code config} must wait before its next write, if it must; empty: write now. */
  Optional<Duration> waitBeforeWrite(ResourceID config) {
    Long last = lastWrite.get(config);
    if (last == null) {
      return Optional.empty();
    }
    Duration since = Duration.ofNanos(System.nanoTime() - last);
    return since.compareTo(INTERVAL) >= 0 ? Optional.empty() : Optional.of(INTERVAL.minus(since));
  }

  /** Records a write of {@code config} now. */
  void wrote(ResourceID config) {
    long now = System.nanoTime();
    lastWrite.put(config, now);
    if (lastWrite.size() > 1_000) {
      lastWrite.values().removeIf(at -> now - at > FORGET_AFTER.toNanos());
    }
  }
}
