package dev.c8s.model.v1alpha1;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the spec's durations: whole seconds, minutes or hours such as {@code 90s} or {@code 2h}.
 */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile(Patterns.DURATION);
  private static final Pattern PARTS = Pattern.compile("([0-9]+)([smh])");

  private Durations() {}

  /** The duration, or empty when the text does not match {@link Patterns#DURATION} or overflows. */
  public static Optional<Duration> parse(String text) {
    if (text == null || !DURATION.matcher(text).matches()) {
      return Optional.empty();
    }
    Matcher m = PARTS.matcher(text);
    if (!m.matches() || m.group(1).length() > 9) {
      return Optional.empty();
    }
    long amount = Long.parseLong(m.group(1));
    return Optional.of(
        switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        });
  }

  /** Formats like the spec does, choosing the largest whole unit: {@code 90m}, {@code 2h}. */
  public static String format(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
