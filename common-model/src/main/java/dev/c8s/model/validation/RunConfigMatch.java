package dev.c8s.model.validation;

import dev.c8s.model.v1alpha1.Matrix;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/** A run matches its pipeline: a matrix combination the pipeline has, and its step names. */
final class RunConfigMatch {
  private RunConfigMatch() {}

  static void stepNames(
      Problems problems, PipelineRun run, PipelineConfigSpec config, String configName) {
    List<String> steps =
        config.getSteps() == null
            ? List.of()
            : config.getSteps().stream()
                .filter(Objects::nonNull)
                .map(Step::getName)
                .filter(Objects::nonNull)
                .toList();
    List<StepStatus> statuses =
        run.getStatus() == null || run.getStatus().getSteps() == null
            ? List.of()
            : run.getStatus().getSteps();
    for (int k = 0; k < statuses.size(); k++) {
      String name = statuses.get(k) == null ? null : statuses.get(k).getName();
      if (name != null && !steps.contains(name)) {
        problems.error(
            FieldPaths.index("status.steps", k) + ".name",
            "status lists step "
                + Texts.quote(name)
                + ", which is not a step of "
                + configName
                + "; its steps are: "
                + Texts.list(steps),
            "step name of the pipeline",
            name);
      }
    }
  }

  static void matrixIndex(
      Problems problems, Map<String, String> index, Matrix matrix, String configName) {
    Map<String, String> given = index == null ? Map.of() : index;
    Map<String, List<String>> dimensions =
        matrix == null || matrix.getDimensions() == null ? Map.of() : matrix.getDimensions();
    if (dimensions.isEmpty()) {
      if (!given.isEmpty()) {
        problems.error(
            "spec.matrixIndex",
            configName + " has no matrix, so the run cannot have a matrixIndex; remove it");
      }
      return;
    }
    boolean valid = true;
    for (Map.Entry<String, String> entry : given.entrySet()) {
      List<String> values = dimensions.get(entry.getKey());
      String at = FieldPaths.key("spec.matrixIndex", entry.getKey());
      if (values == null) {
        valid = false;
        problems.error(
            at,
            Texts.quote(entry.getKey())
                + " is not a matrix dimension of "
                + configName
                + "; its dimensions are: "
                + Texts.list(List.copyOf(dimensions.keySet())),
            "matrix dimension name",
            entry.getKey());
      } else if (!values.contains(entry.getValue())) {
        valid = false;
        problems.error(
            at,
            Texts.quote(entry.getValue())
                + " is not a value of matrix dimension "
                + Texts.quote(entry.getKey())
                + " of "
                + configName
                + "; use one of: "
                + Texts.list(values),
            "value of dimension " + entry.getKey(),
            entry.getValue());
      }
    }
    for (Map.Entry<String, List<String>> dimension : dimensions.entrySet()) {
      if (!given.containsKey(dimension.getKey())) {
        valid = false;
        problems.error(
            "spec.matrixIndex",
            "matrixIndex has no value for dimension "
                + Texts.quote(dimension.getKey())
                + " of "
                + configName
                + "; set one of: "
                + Texts.list(dimension.getValue() == null ? List.of() : dimension.getValue()));
      }
    }
    OptionalInt excludedBy = MatrixCombinations.excludedBy(given, matrix.getExclude());
    if (valid && excludedBy.isPresent()) {
      problems.error(
          "spec.matrixIndex",
          "matrixIndex "
              + given
              + " is removed by spec.matrix.exclude["
              + excludedBy.getAsInt()
              + "] of "
              + configName
              + ", so no run executes this combination; pick another");
    }
  }
}
