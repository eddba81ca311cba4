package dev.c8s.model.validation;

import static dev.c8s.model.validation.Results.assertSingleError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.Matrix;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run names a matrix combination its pipeline has, and only the pipeline's steps. */
class PipelineRunAgainstConfigTest {
  private final PipelineRunValidator validator = new PipelineRunValidator();

  @Test
  void seedRunMatchesSeedConfig() {
    ValidationResult result =
        validator.validateAgainstConfig(PipelineRunRulesTest.seedRun(), Results.seedSpec());

    assertThat(result.errors()).isEmpty();
  }

  @Test
  void matrixIndexWithoutAMatrixIsAnError() {
    PipelineRun run = runWith(Map.of("GO", "1.21"));

    assertSingleError(
        validator.validateAgainstConfig(run, Results.seedSpec()),
        "spec.matrixIndex",
        "PipelineConfig \"my-app-ci\" has no matrix, so the run cannot have a matrixIndex");
  }

  @Test
  void matrixIndexNamesEveryDimension() {
    assertSingleError(
        validator.validateAgainstConfig(runWith(Map.of("GO", "1.21")), matrixSpec()),
        "spec.matrixIndex",
        "matrixIndex has no value for dimension \"OS\" of PipelineConfig \"my-app-ci\"; set one"
            + " of: linux, darwin");
  }

  @Test
  void matrixIndexNamesOnlyDimensions() {
    PipelineRun run = runWith(Map.of("GO", "1.21", "OS", "linux", "ARCH", "arm64"));

    assertSingleError(
        validator.validateAgainstConfig(run, matrixSpec()),
        "spec.matrixIndex.ARCH",
        "\"ARCH\" is not a matrix dimension of PipelineConfig \"my-app-ci\"; its dimensions are:"
            + " GO, OS");
  }

  @Test
  void matrixIndexUsesValuesTheDimensionHas() {
    PipelineRun run = runWith(Map.of("GO", "1.20", "OS", "linux"));

    assertSingleError(
        validator.validateAgainstConfig(run, matrixSpec()),
        "spec.matrixIndex.GO",
        "\"1.20\" is not a value of matrix dimension \"GO\" of PipelineConfig \"my-app-ci\"; use"
            + " one of: 1.21, 1.22");
  }

  @Test
  void excludedCombinationIsAnError() {
    PipelineRun run = runWith(Map.of("GO", "1.21", "OS", "darwin"));

    assertSingleError(
        validator.validateAgainstConfig(run, matrixSpec()),
        "spec.matrixIndex",
        "is removed by spec.matrix.exclude[0] of PipelineConfig \"my-app-ci\"");
  }

  @Test
  void allowedCombinationIsValid() {
    PipelineRun run = runWith(Map.of("GO", "1.22", "OS", "darwin"));

    assertThat(validator.validateAgainstConfig(run, matrixSpec()).errors()).isEmpty();
  }

  @Test
  void stepStatusesNameStepsOfTheConfig() {
    PipelineRun run = PipelineRunRulesTest.seedRun();
    run.getStatus().getSteps().get(1).setName("deploy");

    assertSingleError(
        validator.validateAgainstConfig(run, Results.seedSpec()),
        "status.steps[1].name",
        "status lists step \"deploy\", which is not a step of PipelineConfig \"my-app-ci\"; its"
            + " steps are: test, build, push-image");
  }

  private static PipelineRun runWith(Map<String, String> matrixIndex) {
    PipelineRun run = PipelineRunRulesTest.seedRun();
    run.getSpec().setMatrixIndex(matrixIndex);
    return run;
  }

  private static PipelineConfigSpec matrixSpec() {
    PipelineConfigSpec spec = Results.seedSpec();
    Matrix matrix = new Matrix();
    Map<String, List<String>> dimensions = new LinkedHashMap<>();
    dimensions.put("GO", List.of("1.21", "1.22"));
    dimensions.put("OS", List.of("linux", "darwin"));
    matrix.setDimensions(dimensions);
    matrix.setExclude(List.of(Map.of("GO", "1.21", "OS", "darwin")));
    spec.setMatrix(matrix);
    return spec;
  }
}
