package dev.c8s.cli.output;

import java.time.Duration;

/** Short durations as kubectl shows ages: {@code 45s}, {@code 3m12s}, {@code 5h4m}, {@code 3d}. */
public final class Ages {
  private Ages() {}

  /** {@code duration} in the largest two units that matter; negative counts as zero. */
  public static String format(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
    }
    if (seconds < 86400) {
      long minutes = seconds % 3600 / 60;
      return seconds / 3600 + "h" + (minutes == 0 ? "" : minutes + "m");
    }
    return seconds / 86400 + "d";
  }

  /** Like {@link #format(Duration)}, with tenths of a second below ten seconds (local steps). */
  public static String precise(Duration duration) {
    if (duration.toMillis() < 10_000) {
      return String.format(
          java.util.Locale.ROOT, "%.1fs", Math.max(0, duration.toMillis()) / 1000.0);
    }
    return format(duration);
  }
}
