package dev.c8s.model.validation;

import java.util.Collection;
import java.util.Optional;

/** Small text helpers that keep the validators' messages consistent. */
final class Texts {
  private Texts() {}

  /** The value in double quotes, with line breaks made visible so a message stays one line. */
  static String quote(String value) {
    if (value == null) {
      return "null";
    }
    return "\""
        + value
            .replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("\n", "\\n")
            .replace("\t", "\\t")
        + "\"";
  }

  /** {@code a, b, c}, or {@code (none)} so a message never ends in a dangling colon. */
  static String list(Collection<String> values) {
    return values.isEmpty() ? "(none)" : String.join(", ", values);
  }

  static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  static boolean hasWhitespace(String value) {
    return value.chars().anyMatch(Character::isWhitespace);
  }

  /** {@code (did you mean "x"?)} for the closest candidate within two edits, else empty text. */
  static String didYouMean(String value, Collection<String> candidates) {
    return closest(value, candidates).map(c -> " (did you mean " + quote(c) + "?)").orElse("");
  }

  static Optional<String> closest(String value, Collection<String> candidates) {
    if (value == null) {
      return Optional.empty();
    }
    String best = null;
    int bestDistance = 3;
    for (String candidate : candidates) {
      int distance = distance(value, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  // Levenshtein distance; the inputs are short names, so the quadratic table is fine.
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
