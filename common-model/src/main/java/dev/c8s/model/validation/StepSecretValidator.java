package dev.c8s.model.validation;

import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepSecret;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Secret keys a step injects: well-formed references and distinct, valid variable names. */
final class StepSecretValidator {
  static final String SECRET_KEY_FORM = "Secret key (letters, digits, '-', '_', '.') such as token";

  private StepSecretValidator() {}

  /** Checks {@code step.secrets}, found at {@code path} such as {@code spec.steps[2].secrets}. */
  static void validate(Problems problems, String path, Step step, String label) {
    List<StepSecret> secrets = step.getSecrets();
    if (secrets == null) {
      return;
    }
    Map<String, Integer> envVars = new HashMap<>();
    for (int j = 0; j < secrets.size(); j++) {
      String at = FieldPaths.index(path, j);
      StepSecret secret = secrets.get(j);
      if (secret == null) {
        problems.error(
            at, "secret entry of " + label + " is empty; give it secretRef and key, or remove it");
        continue;
      }
      Names.checkObjectName(problems, at + ".secretRef", secret.getSecretRef(), "Secret", true);
      key(problems, at + ".key", secret.getKey());
      String envVar = envVar(problems, at, secret);
      if (envVar == null) {
        continue;
      }
      Integer first = envVars.putIfAbsent(envVar, j);
      if (first != null) {
        problems.error(
            at + (secret.getEnvVar() != null ? ".envVar" : ".key"),
            "environment variable "
                + Texts.quote(envVar)
                + " is already set by "
                + FieldPaths.index(path, first)
                + " of "
                + label
                + "; give one of the two a"
                + " different envVar",
            Names.ENV_VAR_FORM,
            envVar);
      }
    }
  }

  /** The name the secret is exposed under, or null when that is unknown or invalid. */
  static String effectiveEnvVar(StepSecret secret) {
    String name = secret.getEnvVar() != null ? secret.getEnvVar() : secret.getKey();
    return Names.isEnvVarName(name) ? name : null;
  }

  private static void key(Problems problems, String path, String key) {
    if (Texts.isBlank(key)) {
      problems.error(
          path,
          "key is required; set it to the key within the Secret whose value the step needs",
          SECRET_KEY_FORM,
          key);
    } else if (!Names.isSecretKey(key)) {
      problems.error(
          path,
          Texts.quote(key)
              + " cannot be a key of a Secret: keys use letters, digits, '-', '_'"
              + " and '.' and have at most 253 characters",
          SECRET_KEY_FORM,
          key);
    }
  }

  private static String envVar(Problems problems, String at, StepSecret secret) {
    String envVar = secret.getEnvVar();
    if (envVar != null) {
      if (!Names.isEnvVarName(envVar)) {
        problems.error(
            at + ".envVar",
            "envVar "
                + Texts.quote(envVar)
                + " is not a valid environment variable name; use"
                + " letters, digits and '_', not starting with a digit"
                + suggest(envVar),
            Names.ENV_VAR_FORM,
            envVar);
        return null;
      }
      return envVar;
    }
    String key = secret.getKey();
    if (Texts.isBlank(key)) {
      return null;
    }
    if (!Names.isEnvVarName(key)) {
      problems.error(
          at + ".key",
          "key "
              + Texts.quote(key)
              + " becomes the environment variable name because envVar is"
              + " not set, but it is not a valid one (letters, digits and '_', not starting with a"
              + " digit); set envVar, such as envVar: "
              + Names.toEnvVarName(key).toUpperCase(Locale.ROOT),
          Names.ENV_VAR_FORM,
          key);
      return null;
    }
    return key;
  }

  private static String suggest(String envVar) {
    return envVar.isBlank()
        ? ", such as API_TOKEN"
        : " (did you mean "
            + Texts.quote(Names.toEnvVarName(envVar).toUpperCase(Locale.ROOT))
            + "?)";
  }
}
