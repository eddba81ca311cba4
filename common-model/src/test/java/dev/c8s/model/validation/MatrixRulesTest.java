package dev.c8s.model.validation;

import static dev.c8s.model.validation.Results.assertSingleError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.c8s.model.v1alpha1.Matrix;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The matrix rules, on the seed pipeline given a GO x OS matrix. */
class MatrixRulesTest {
  private final PipelineConfigValidator validator = new PipelineConfigValidator();

  static Stream<Arguments> brokenMatrices() {
    return Stream.of(
        rule(
            "a matrix has at least one dimension",
            m -> m.setDimensions(Map.of()),
            "spec.matrix.dimensions",
            "matrix has no dimensions; add at least one"),
        rule(
            "a matrix without dimensions at all is reported the same",
            m -> m.setDimensions(null),
            "spec.matrix.dimensions",
            "matrix has no dimensions"),
        rule(
            "dimension names are environment variable names",
            m -> m.getDimensions().put("go-version", List.of("1.21")),
            "spec.matrix.dimensions.go-version",
            "matrix dimension \"go-version\" is not a valid environment variable name",
            "did you mean \"go_version\"?"),
        rule(
            "each dimension has a value",
            m -> m.getDimensions().put("ARCH", List.of()),
            "spec.matrix.dimensions.ARCH",
            "matrix dimension \"ARCH\" has no values; list at least one"),
        rule(
            "values of a dimension are distinct",
            m -> m.getDimensions().put("GO", List.of("1.21", "1.22", "1.21")),
            "spec.matrix.dimensions.GO[2]",
            "value \"1.21\" of matrix dimension \"GO\" is listed twice (first at GO[0])"),
        rule(
            "exclude entries are not empty",
            m -> m.setExclude(List.of(Map.of())),
            "spec.matrix.exclude[0]",
            "exclude entry is empty, so it would match every combination"),
        rule(
            "exclude names existing dimensions",
            m -> m.setExclude(List.of(Map.of("OS", "linux", "G0", "1.21"))),
            "spec.matrix.exclude[0].G0",
            "exclude names \"G0\", which is not a matrix dimension (did you mean \"GO\"?); use"
                + " one of: GO, OS"),
        rule(
            "exclude uses values the dimension has",
            m -> m.setExclude(List.of(Map.of("GO", "1.20"))),
            "spec.matrix.exclude[0].GO",
            "exclude sets dimension \"GO\" to \"1.20\", which is not one of its values; use one"
                + " of: 1.21, 1.22"),
        rule(
            "exclude may not remove every combination",
            m ->
                m.setExclude(
                    List.of(
                        Map.of("OS", "linux"),
                        Map.of("GO", "1.21", "OS", "darwin"),
                        Map.of("GO", "1.22"))),
            "spec.matrix.exclude",
            "exclude removes every combination of the matrix, so the pipeline would never run"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenMatrices")
  void eachMatrixRuleReportsOneErrorAtTheBrokenField(
      String rule, Consumer<Matrix> breakIt, String field, List<String> fragments) {
    PipelineConfig config = withMatrix();
    breakIt.accept(config.getSpec().getMatrix());

    Results.assertSingleError(validator.validate(config), field, fragments);
  }

  @Test
  void validMatrixWithImageReferencesAndPartialExcludeHasNoErrors() {
    PipelineConfig config = withMatrix();
    config.getSpec().getSteps().get(0).setImage("golang:${GO}-${OS}");
    config.getSpec().getMatrix().setExclude(List.of(Map.of("GO", "1.21", "OS", "darwin")));

    assertThat(validator.validate(config).errors()).isEmpty();
  }

  @Test
  void imageMayOnlyReferenceMatrixDimensions() {
    PipelineConfig config = withMatrix();
    config.getSpec().getSteps().get(0).setImage("golang:${G0}");

    assertSingleError(
        validator.validate(config),
        "spec.steps[0].image",
        "image \"golang:${G0}\" of step \"test\" uses ${G0}, which is not a matrix dimension (did"
            + " you mean \"GO\"?); use one of: GO, OS");
  }

  @Test
  void imageReferenceWithoutAMatrixIsAnError() {
    PipelineConfig config = Results.seedConfig();
    config.getSpec().getSteps().get(1).setImage("golang:${GO}");

    assertSingleError(
        validator.validate(config),
        "spec.steps[1].image",
        "uses ${GO}, but the pipeline has no matrix");
  }

  @Test
  void unterminatedImageReferenceIsAnError() {
    PipelineConfig config = withMatrix();
    config.getSpec().getSteps().get(1).setImage("golang:${GO");

    assertSingleError(
        validator.validate(config), "spec.steps[1].image", "has a '${' without its closing '}'");
  }

  @Test
  void secretMayNotShadowAMatrixVariable() {
    PipelineConfig config = withMatrix();
    config.getSpec().getMatrix().getDimensions().put("DOCKER_CONFIG", List.of("a"));

    assertSingleError(
        validator.validate(config),
        "spec.steps[2].secrets[0].envVar",
        "environment variable \"DOCKER_CONFIG\" of step \"push-image\" is set both by this secret"
            + " and by the matrix dimension of that name");
  }

  @Test
  void everyCombinationExcludedIsFoundQuicklyInAHugeMatrix() {
    PipelineConfig config = withMatrix();
    Map<String, List<String>> dimensions = config.getSpec().getMatrix().getDimensions();
    List<String> values = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    for (int d = 0; d < 12; d++) {
      dimensions.put("D" + d, values);
    }
    // 4 x 10^12 combinations; the last dimension's every value is excluded.
    config.getSpec().getMatrix().setExclude(values.stream().map(v -> Map.of("D11", v)).toList());

    assertSingleError(
        validator.validate(config), "spec.matrix.exclude", "exclude removes every combination");
  }

  private static PipelineConfig withMatrix() {
    PipelineConfig config = Results.seedConfig();
    PipelineConfigSpec spec = config.getSpec();
    Matrix matrix = new Matrix();
    Map<String, List<String>> dimensions = new LinkedHashMap<>();
    dimensions.put("GO", List.of("1.21", "1.22"));
    dimensions.put("OS", List.of("linux", "darwin"));
    matrix.setDimensions(dimensions);
    matrix.setExclude(new ArrayList<>());
    spec.setMatrix(matrix);
    return config;
  }

  private static Arguments rule(
      String rule, Consumer<Matrix> change, String field, String... fragments) {
    return arguments(rule, change, field, List.of(fragments));
  }
}
