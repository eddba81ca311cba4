package dev.c8s.model.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.Matrix;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matrix combinations, exclusions and image substitution. */
class MatrixExpansionTest {

  @Test
  void noMatrixMeansOneRunWithoutValues() {
    assertThat(MatrixExpansion.combinations(null)).containsExactly(Map.of());
  }

  @Test
  void combinationsAreTheCartesianProductInDeclarationOrder() {
    assertThat(MatrixExpansion.combinations(matrix(List.of())))
        .containsExactly(
            Map.of("GO", "1.21", "OS", "linux"),
            Map.of("GO", "1.21", "OS", "darwin"),
            Map.of("GO", "1.22", "OS", "linux"),
            Map.of("GO", "1.22", "OS", "darwin"));
  }

  @Test
  void excludeRemovesEveryCombinationMatchingAllItsPairs() {
    Matrix matrix = matrix(List.of(Map.of("GO", "1.21", "OS", "darwin"), Map.of("OS", "windows")));
    assertThat(MatrixExpansion.combinations(matrix))
        .containsExactly(
            Map.of("GO", "1.21", "OS", "linux"),
            Map.of("GO", "1.22", "OS", "linux"),
            Map.of("GO", "1.22", "OS", "darwin"));
  }

  @Test
  void partialExcludeRemovesAllCombinationsWithThatValue() {
    assertThat(MatrixExpansion.combinations(matrix(List.of(Map.of("OS", "darwin")))))
        .containsExactly(Map.of("GO", "1.21", "OS", "linux"), Map.of("GO", "1.22", "OS", "linux"));
  }

  @Test
  void substituteReplacesKnownReferencesAndLeavesOthers() {
    assertThat(MatrixExpansion.substitute("golang:${GO}-${UNKNOWN}", Map.of("GO", "1.22")))
        .isEqualTo("golang:1.22-${UNKNOWN}");
    assertThat(MatrixExpansion.references("a:${X}-${Y_2}")).containsExactly("X", "Y_2");
  }

  @Test
  void substitutedValueIsTakenLiterallyEvenWithDollarSigns() {
    assertThat(MatrixExpansion.substitute("img:${V}", Map.of("V", "$1\\x"))).isEqualTo("img:$1\\x");
  }

  private static Matrix matrix(List<Map<String, String>> exclude) {
    Map<String, List<String>> dimensions = new LinkedHashMap<>();
    dimensions.put("GO", List.of("1.21", "1.22"));
    dimensions.put("OS", List.of("linux", "darwin"));
    Matrix matrix = new Matrix();
    matrix.setDimensions(dimensions);
    matrix.setExclude(exclude);
    return matrix;
  }
}
