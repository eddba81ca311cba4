package dev.c8s.model.schedule;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * One of the five fields of a cron expression: the values it allows, and whether it was written as
 * an unrestricted {@code *} (which decides how day of month and day of week combine).
 *
 * @param values the allowed values
 * @param unrestricted written as {@code *} or {@code ?}, without a step above 1
 */
record CronField(BitSet values, boolean unrestricted) {

  /** A field's name, range and the names its values may be written with. */
  enum Kind {
    MINUTE("minute", 0, 59, List.of()),
    HOUR("hour", 0, 23, List.of()),
    DAY_OF_MONTH("day of month", 1, 31, List.of()),
    MONTH(
        "month",
        1,
        12,
        List.of(
            "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
    // 7 is Sunday too, as in every cron since Vixie's.
    DAY_OF_WEEK("day of week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

    final String label;
    final int min;
    final int max;
    final List<String> names;

    Kind(String label, int min, int max, List<String> names) {
      this.label = label;
      this.min = min;
      this.max = max;
      this.names = names;
    }

    private int nameBase() {
      return this == MONTH ? 1 : 0;
    }
  }

  /**
   * Parses {@code text}: lists of {@code *}, values, ranges {@code a-b}, each optionally with a
   * step {@code /n}; {@code a/n} means from {@code a} to the end.
   *
   * @throws IllegalArgumentException saying what is wrong, for a message to the user
   */
  static CronField parse(Kind kind, String text) {
    BitSet values = new BitSet(kind.max + 1);
    boolean unrestricted = false;
    for (String part : text.split(",", -1)) {
      if (part.isEmpty()) {
        throw problem(kind, text, "has an empty list element");
      }
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(kind, part.substring(slash + 1), text, "step");
        if (step < 1) {
          throw problem(kind, text, "has step 0; a step must be 1 or more");
        }
      }
      int low;
      int high;
      if (range.equals("*") || range.equals("?")) {
        low = kind.min;
        high = kind == Kind.DAY_OF_WEEK ? 6 : kind.max;
        unrestricted |= step == 1;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", -1);
        if (ends.length != 2) {
          throw problem(kind, text, "has a malformed range " + quote(range) + "; write a-b");
        }
        low = value(kind, ends[0], text);
        high = value(kind, ends[1], text);
        if (low > high) {
          throw problem(
              kind, text, "has the range " + quote(range) + " running backwards; write low-high");
        }
      } else {
        low = value(kind, range, text);
        // a/n runs to the field's end; for days of the week that is Saturday, not 7 (Sunday again).
        high = slash < 0 ? low : kind == Kind.DAY_OF_WEEK ? 6 : kind.max;
      }
      for (int v = low; v <= high; v += step) {
        values.set(v);
      }
    }
    if (kind == Kind.DAY_OF_WEEK && values.get(7)) {
      values.clear(7);
      values.set(0);
    }
    return new CronField(values, unrestricted);
  }

  boolean allows(int value) {
    return values.get(value);
  }

  private static int value(Kind kind, String token, String text) {
    String upper = token.toUpperCase(Locale.ROOT);
    int named = kind.names.indexOf(upper);
    if (named >= 0) {
      return named + kind.nameBase();
    }
    int value = number(kind, token, text, "value");
    if (value < kind.min || value > kind.max) {
      throw problem(
          kind,
          text,
          "has " + value + ", outside " + kind.min + "-" + kind.max + allowedNames(kind));
    }
    return value;
  }

  private static int number(Kind kind, String token, String text, String what) {
    if (token.isEmpty() || token.length() > 4 || !token.chars().allMatch(Character::isDigit)) {
      throw problem(
          kind, text, "has " + what + " " + quote(token) + ", not a number" + allowedNames(kind));
    }
    return Integer.parseInt(token);
  }

  private static String allowedNames(Kind kind) {
    return kind.names.isEmpty()
        ? ""
        : " (names "
            + kind.names.get(0)
            + "-"
            + kind.names.get(kind.names.size() - 1)
            + " work too)";
  }

  private static IllegalArgumentException problem(Kind kind, String text, String what) {
    return new IllegalArgumentException(kind.label + " field " + quote(text) + " " + what);
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
