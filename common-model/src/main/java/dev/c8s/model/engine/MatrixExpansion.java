package dev.c8s.model.engine;

import dev.c8s.model.v1alpha1.Matrix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expands a matrix into its combinations and substitutes matrix values into images. */
public final class MatrixExpansion {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private MatrixExpansion() {}

  /**
   * Every combination of the dimensions' values, minus those matching an {@code exclude} entry (an
   * entry matches when all of its pairs match). Dimensions vary in declaration order, the last
   * fastest. No matrix, or no dimensions, gives one empty combination: a single run.
   */
  public static List<Map<String, String>> combinations(Matrix matrix) {
    List<Map<String, String>> result = new ArrayList<>();
    result.add(Map.of());
    if (matrix == null || matrix.getDimensions() == null) {
      return result;
    }
    for (Map.Entry<String, List<String>> dimension : matrix.getDimensions().entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : result) {
        for (String value :
            dimension.getValue() == null ? List.<String>of() : dimension.getValue()) {
          Map<String, String> combination = new LinkedHashMap<>(partial);
          combination.put(dimension.getKey(), value);
          next.add(combination);
        }
      }
      result = next;
    }
    List<Map<String, String>> excludes =
        matrix.getExclude() == null ? List.of() : matrix.getExclude();
    return result.stream()
        .filter(c -> excludes.stream().noneMatch(e -> !e.isEmpty() && matches(e, c)))
        .map(MatrixExpansion::unmodifiable)
        .toList();
  }

  /**
   * Replaces each {@code ${name}} whose name is a key of {@code values}; others stay as written.
   */
  public static String substitute(String text, Map<String, String> values) {
    if (text == null || values == null || values.isEmpty()) {
      return text;
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The names referenced as {@code ${name}} in {@code text}. */
  public static List<String> references(String text) {
    List<String> names = new ArrayList<>();
    if (text != null) {
      Matcher m = REFERENCE.matcher(text);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  private static boolean matches(Map<String, String> exclude, Map<String, String> combination) {
    return exclude.entrySet().stream()
        .allMatch(e -> e.getValue() != null && e.getValue().equals(combination.get(e.getKey())));
  }

  private static Map<String, String> unmodifiable(Map<String, String> combination) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(combination));
  }
}
