package dev.c8s.cli.local;

import dev.c8s.cli.CliException;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepSecret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of the steps' secret variables on a developer's machine: from {@code --secret
 * NAME=VALUE}, else from the variable of the same name in the local environment. In the cluster
 * they come from Kubernetes Secrets; here there are none.
 */
public final class LocalSecrets {
  private LocalSecrets() {}

  /** The variable a step's secret is exposed as: its envVar, else its key. */
  public static String variable(StepSecret secret) {
    return secret.getEnvVar() != null ? secret.getEnvVar() : secret.getKey();
  }

  /**
   * Every secret variable of {@code steps} with its value.
   *
   * @throws CliException (unusable) listing every variable that has no value
   */
  public static Map<String, String> resolve(
      Collection<Step> steps, Map<String, String> given, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (Step step : steps) {
      for (StepSecret secret :
          step.getSecrets() == null ? List.<StepSecret>of() : step.getSecrets()) {
        String name = variable(secret);
        String value = given.containsKey(name) ? given.get(name) : env.get(name);
        if (value != null) {
          values.put(name, value);
        } else if (!values.containsKey(name)) {
          missing.add(
              name
                  + " (step "
                  + step.getName()
                  + ", Secret "
                  + secret.getSecretRef()
                  + " key "
                  + secret.getKey()
                  + ")");
        }
      }
    }
    if (!missing.isEmpty()) {
      throw CliException.unusable(
          "no value for the secret variable"
              + (missing.size() == 1 ? " " : "s ")
              + String.join(", ", missing)
              + ": pass --secret NAME=VALUE or set NAME in your environment");
    }
    return values;
  }
}
