package dev.c8s.model.validation;

import dev.c8s.model.v1alpha1.Matrix;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepSecret;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The matrix: named dimensions with distinct values, sensible excludes, and their uses. */
final class MatrixValidator {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");

  private MatrixValidator() {}

  /** Checks {@code spec.matrix} and the steps' uses of it; {@code specPath} is such as spec. */
  static void validate(Problems problems, String specPath, PipelineConfigSpec spec) {
    Matrix matrix = spec.getMatrix();
    Map<String, List<String>> dimensions =
        matrix == null || matrix.getDimensions() == null ? Map.of() : matrix.getDimensions();
    if (matrix != null) {
      String path = specPath + ".matrix";
      if (dimensions.isEmpty()) {
        problems.error(
            path + ".dimensions",
            "matrix has no dimensions; add at least one, such as dimensions: {GO_VERSION:"
                + " [\"1.21\", \"1.22\"]}, or remove matrix",
            "map of dimension name to a list of values",
            null);
      }
      boolean dimensionsValid = dimensions(problems, path + ".dimensions", dimensions);
      boolean excludesValid = excludes(problems, path + ".exclude", matrix, dimensions);
      if (!dimensions.isEmpty()
          && dimensionsValid
          && excludesValid
          && MatrixCombinations.everyCombinationExcluded(dimensions, matrix.getExclude())) {
        problems.error(
            path + ".exclude",
            "exclude removes every combination of the matrix, so the pipeline would never run;"
                + " remove or narrow some exclude entries");
      }
    }
    if (spec.getSteps() != null) {
      uses(problems, specPath + ".steps", spec.getSteps(), dimensions);
    }
  }

  private static boolean dimensions(
      Problems problems, String path, Map<String, List<String>> dimensions) {
    boolean valid = true;
    for (Map.Entry<String, List<String>> dimension : dimensions.entrySet()) {
      String name = dimension.getKey();
      String at = FieldPaths.key(path, name);
      if (!Names.isEnvVarName(name)) {
        valid = false;
        problems.error(
            at,
            "matrix dimension "
                + Texts.quote(name)
                + " is not a valid environment variable"
                + " name, and steps see its values as environment variables; use letters, digits"
                + " and '_', not starting with a digit"
                + (Texts.isBlank(name)
                    ? ""
                    : " (did you mean " + Texts.quote(Names.toEnvVarName(name)) + "?)"),
            Names.ENV_VAR_FORM,
            name);
      }
      List<String> values = dimension.getValue();
      if (values == null || values.isEmpty()) {
        valid = false;
        problems.error(
            at,
            "matrix dimension " + Texts.quote(name) + " has no values; list at least one",
            "list of values",
            null);
        continue;
      }
      Map<String, Integer> seen = new HashMap<>();
      for (int k = 0; k < values.size(); k++) {
        String value = values.get(k);
        if (value == null) {
          valid = false;
          problems.error(
              FieldPaths.index(at, k),
              "value of matrix dimension "
                  + Texts.quote(name)
                  + " is empty; write a value or"
                  + " remove the entry");
          continue;
        }
        Integer first = seen.putIfAbsent(value, k);
        if (first != null) {
          problems.error(
              FieldPaths.index(at, k),
              "value "
                  + Texts.quote(value)
                  + " of matrix dimension "
                  + Texts.quote(name)
                  + " is listed twice (first at "
                  + FieldPaths.index(name, first)
                  + "); remove"
                  + " the repeat",
              "distinct values",
              value);
        }
      }
    }
    return valid;
  }

  private static boolean excludes(
      Problems problems, String path, Matrix matrix, Map<String, List<String>> dimensions) {
    List<Map<String, String>> excludes = matrix.getExclude();
    if (excludes == null) {
      return true;
    }
    boolean valid = true;
    for (int k = 0; k < excludes.size(); k++) {
      Map<String, String> exclude = excludes.get(k);
      String at = FieldPaths.index(path, k);
      if (exclude == null || exclude.isEmpty()) {
        valid = false;
        problems.error(
            at,
            "exclude entry is empty, so it would match every combination; name at least one"
                + " dimension and value, such as {GO_VERSION: \"1.21\"}, or remove the entry");
        continue;
      }
      for (Map.Entry<String, String> entry : exclude.entrySet()) {
        String dimension = entry.getKey();
        List<String> values = dimensions.get(dimension);
        if (values == null) {
          valid = false;
          problems.error(
              FieldPaths.key(at, dimension),
              "exclude names "
                  + Texts.quote(dimension)
                  + ", which is not a matrix dimension"
                  + Texts.didYouMean(dimension, dimensions.keySet())
                  + "; use one of: "
                  + Texts.list(List.copyOf(dimensions.keySet())),
              "matrix dimension name",
              dimension);
        } else if (!values.contains(entry.getValue())) {
          valid = false;
          problems.error(
              FieldPaths.key(at, dimension),
              "exclude sets dimension "
                  + Texts.quote(dimension)
                  + " to "
                  + Texts.quote(entry.getValue())
                  + ", which is not one of its values; use one"
                  + " of: "
                  + Texts.list(values),
              "value of dimension " + dimension,
              entry.getValue());
        }
      }
    }
    return valid;
  }

  private static void uses(
      Problems problems, String path, List<Step> steps, Map<String, List<String>> dimensions) {
    List<String> names = List.copyOf(dimensions.keySet());
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step == null) {
        continue;
      }
      String at = FieldPaths.index(path, i);
      if (step.getImage() != null) {
        image(problems, at + ".image", step, names);
      }
      List<StepSecret> secrets = step.getSecrets() == null ? List.of() : step.getSecrets();
      for (int j = 0; j < secrets.size(); j++) {
        StepSecret secret = secrets.get(j);
        String envVar = secret == null ? null : StepSecretValidator.effectiveEnvVar(secret);
        if (envVar != null && dimensions.containsKey(envVar)) {
          problems.error(
              FieldPaths.index(at + ".secrets", j)
                  + (secret.getEnvVar() != null ? ".envVar" : ".key"),
              "environment variable "
                  + Texts.quote(envVar)
                  + " of "
                  + StepValidator.label(step)
                  + " is set both by this secret and by the matrix dimension of that name; give"
                  + " the secret a different envVar",
              Names.ENV_VAR_FORM,
              envVar);
        }
      }
    }
  }

  private static void image(Problems problems, String path, Step step, List<String> dimensions) {
    String image = step.getImage();
    Matcher reference = REFERENCE.matcher(image);
    while (reference.find()) {
      String name = reference.group(1);
      if (dimensions.contains(name)) {
        continue;
      }
      String advice =
          dimensions.isEmpty()
              ? ", but the pipeline has no matrix; add a matrix dimension "
                  + Texts.quote(name)
                  + " or write the value into the image"
              : ", which is not a matrix dimension"
                  + Texts.didYouMean(name, dimensions)
                  + "; use one of: "
                  + Texts.list(dimensions);
      problems.error(
          path,
          "image "
              + Texts.quote(image)
              + " of "
              + StepValidator.label(step)
              + " uses ${"
              + name
              + "}"
              + advice,
          "${name} of a matrix dimension",
          image);
    }
    if (REFERENCE.matcher(image).replaceAll("").contains("${")) {
      problems.error(
          path,
          "image "
              + Texts.quote(image)
              + " of "
              + StepValidator.label(step)
              + " has a '${'"
              + " without its closing '}'; write matrix references as ${name}",
          "${name} of a matrix dimension",
          image);
    }
  }
}
