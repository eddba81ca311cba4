package dev.c8s.testing;

import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;

/**
 * Keeps a kube-api-test start clear of midnight: its readiness poll (7.6.1, the newest served here)
 * compares wall-clock {@link LocalTime}s, so a deadline past midnight reads as already passed and a
 * start in the last minutes of a day fails at once ("did not start properly").
 */
final class MidnightGuard {
  private MidnightGuard() {}

  /** Whether a deadline {@code timeout} after {@code now} falls on the next day. */
  static boolean deadlineCrossesMidnight(LocalTime now, Duration timeout) {
    return now.plus(timeout).isBefore(now);
  }

  /** Returns once a wait of {@code timeout} starting now would end on the same day. */
  static void awaitSameDayDeadline(Clock clock, Duration timeout) {
    if (!deadlineCrossesMidnight(LocalTime.now(clock), timeout)) {
      return;
    }
    await("midnight, so kube-api-test's readiness deadline stays on one day")
        .atMost(timeout.plusSeconds(5))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> !deadlineCrossesMidnight(LocalTime.now(clock), timeout));
  }
}
