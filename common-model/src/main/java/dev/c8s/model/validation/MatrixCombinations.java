package dev.c8s.model.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Which matrix combinations the exclude entries remove, without listing the whole product. */
final class MatrixCombinations {
  // Bounds the search for a surviving combination; past it, the matrix is assumed to have one.
  private static final int SEARCH_BUDGET = 100_000;

  private MatrixCombinations() {}

  /** Index of the first exclude entry that removes {@code combination}, if any. */
  static OptionalInt excludedBy(
      Map<String, String> combination, List<Map<String, String>> excludes) {
    if (excludes == null) {
      return OptionalInt.empty();
    }
    for (int k = 0; k < excludes.size(); k++) {
      Map<String, String> exclude = excludes.get(k);
      if (exclude != null && combination.entrySet().containsAll(exclude.entrySet())) {
        return OptionalInt.of(k);
      }
    }
    return OptionalInt.empty();
  }

  /** Whether {@code excludes} remove every combination of {@code dimensions}. */
  static boolean everyCombinationExcluded(
      Map<String, List<String>> dimensions, List<Map<String, String>> excludes) {
    if (excludes == null || excludes.isEmpty()) {
      return false;
    }
    // Dimensions no exclude mentions cannot decide whether a combination is removed, so only the
    // mentioned ones are searched, the most mentioned first so that pruning starts early.
    Map<String, Long> mentions = new HashMap<>();
    excludes.forEach(e -> e.keySet().forEach(name -> mentions.merge(name, 1L, Long::sum)));
    List<String> names = new ArrayList<>(mentions.keySet());
    names.retainAll(dimensions.keySet());
    names.sort(
        Comparator.comparing((String name) -> mentions.get(name))
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    int[] budget = {SEARCH_BUDGET};
    return !survivorExists(names, 0, dimensions, excludes, new HashMap<>(), budget);
  }

  // Depth-first over partial combinations, pruning as soon as an exclude entry matches one.
  private static boolean survivorExists(
      List<String> names,
      int depth,
      Map<String, List<String>> dimensions,
      List<Map<String, String>> excludes,
      Map<String, String> chosen,
      int[] budget) {
    if (--budget[0] < 0) {
      return true;
    }
    if (excludedBy(chosen, excludes).isPresent()) {
      return false;
    }
    if (depth == names.size()) {
      return true;
    }
    String name = names.get(depth);
    for (String value : dimensions.get(name)) {
      chosen.put(name, value);
      if (survivorExists(names, depth + 1, dimensions, excludes, chosen, budget)) {
        return true;
      }
    }
    chosen.remove(name);
    return false;
  }
}
