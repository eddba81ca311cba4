package dev.c8s.model.validation;

import dev.c8s.model.v1alpha1.Durations;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks of the spec's duration fields, shared by step and pipeline timeouts. */
final class FieldChecks {
  static final String DURATION_FORM = "duration such as 30s, 10m or 2h";

  // Go-style compound durations (1h30m) are the most common mistake; suggest the single-unit form.
  private static final Pattern COMPOUND =
      Pattern.compile("^(?:([0-9]{1,6})h)?(?:([0-9]{1,6})m)?(?:([0-9]{1,6})s)?$");
  private static final Pattern UNITLESS = Pattern.compile("^[0-9]+$");

  private FieldChecks() {}

  /**
   * The duration at {@code path}, or empty when it is absent or invalid; an invalid or zero
   * duration is recorded as an error naming it {@code what} (such as {@code step "build" timeout}).
   */
  static Optional<Duration> duration(Problems problems, String path, String value, String what) {
    if (value == null) {
      return Optional.empty();
    }
    Optional<Duration> parsed = Durations.parse(value);
    if (parsed.isPresent() && !parsed.get().isZero()) {
      return parsed;
    }
    String message =
        parsed.isPresent()
            ? what + " " + Texts.quote(value) + " is zero; give it a length, such as 30m"
            : what
                + " "
                + Texts.quote(value)
                + " is not a duration c8s accepts; write a whole"
                + " number with one unit s, m or h"
                + suggestion(value);
    problems.error(path, message, DURATION_FORM, value);
    return Optional.empty();
  }

  private static String suggestion(String value) {
    Matcher compound = COMPOUND.matcher(value);
    if (!value.isEmpty() && compound.matches()) {
      long seconds =
          part(compound.group(1)) * 3600 + part(compound.group(2)) * 60 + part(compound.group(3));
      if (seconds > 0) {
        return ", such as " + Durations.format(Duration.ofSeconds(seconds));
      }
    }
    if (UNITLESS.matcher(value).matches()) {
      return ", such as " + value + "m for minutes";
    }
    return ", such as 30m or 2h";
  }

  private static long part(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }
}
