package dev.c8s.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class MidnightGuardTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void aDeadlineWithinTheDayDoesNotCrossMidnight() {
    assertThat(MidnightGuard.deadlineCrossesMidnight(LocalTime.of(12, 0), TIMEOUT)).isFalse();
    assertThat(MidnightGuard.deadlineCrossesMidnight(LocalTime.of(23, 58, 59), TIMEOUT)).isFalse();
  }

  @Test
  void aDeadlineInTheLastMinuteOfTheDayCrossesMidnight() {
    assertThat(MidnightGuard.deadlineCrossesMidnight(LocalTime.of(23, 59, 1), TIMEOUT)).isTrue();
    assertThat(MidnightGuard.deadlineCrossesMidnight(LocalTime.of(23, 59, 59), TIMEOUT)).isTrue();
  }
}
