package dev.c8s.model.validation;

import java.util.regex.Pattern;

/** Builds field paths such as {@code spec.steps[2].dependsOn[0]} or {@code spec.matrixIndex.go}. */
final class FieldPaths {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private FieldPaths() {}

  static String index(String base, int index) {
    return base + "[" + index + "]";
  }

  /** A map entry; keys that would make the path ambiguous are written {@code ["a.b"]}. */
  static String key(String base, String key) {
    if (key != null && PLAIN_KEY.matcher(key).matches()) {
      return base + "." + key;
    }
    return base + "[" + Texts.quote(key) + "]";
  }
}
