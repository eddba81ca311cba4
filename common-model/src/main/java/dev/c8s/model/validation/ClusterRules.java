package dev.c8s.model.validation;

import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepSecret;
import dev.c8s.model.validation.QuotaFit.Resource;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The rules that need the cluster; names the pure validators reject are never looked up. */
public final class ClusterRules {
  private final ClusterLookup cluster;

  public ClusterRules(ClusterLookup cluster) {
    this.cluster = cluster;
  }

  /** Secrets the steps read exist with their keys, and every step fits every quota. */
  public ValidationResult validate(String namespace, PipelineConfig config) {
    Problems problems = new Problems();
    if (config == null || config.getSpec() == null || config.getSpec().getSteps() == null) {
      return problems.result();
    }
    List<Step> steps = config.getSpec().getSteps();
    Map<String, Optional<Set<String>>> secrets = new HashMap<>();
    Map<String, Map<String, String>> quotas = cluster.resourceQuotaHard(namespace);
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step == null) {
        continue;
      }
      String at = FieldPaths.index("spec.steps", i);
      List<StepSecret> refs = step.getSecrets() == null ? List.of() : step.getSecrets();
      for (int j = 0; j < refs.size(); j++) {
        if (refs.get(j) != null) {
          secret(problems, FieldPaths.index(at + ".secrets", j), namespace, refs.get(j), secrets);
        }
      }
      for (Resource resource : Resource.values()) {
        neverFits(step, StepValidator.label(step), resource, quotas)
            .ifPresent(
                why ->
                    problems.error(
                        at + ".resources." + resource.field,
                        why
                            + ", so it could never run; lower resources."
                            + resource.field
                            + " or ask for a larger quota"));
      }
    }
    return problems.result();
  }

  /**
   * For creating a run: its PipelineConfig exists, the run matches it, and each step fits the
   * quotas (all steps at once not fitting is only a warning: steps wait for quota in turn). Not for
   * updates: a config may be deleted or a quota lowered while a run is under way, and its end must
   * still be recorded.
   */
  public ValidationResult validateCreate(String namespace, PipelineRun run) {
    Problems problems = new Problems();
    String ref = run == null || run.getSpec() == null ? null : run.getSpec().getPipelineConfigRef();
    if (!Names.isDnsSubdomain(ref)) {
      return problems.result();
    }
    Optional<PipelineConfigSpec> config = cluster.pipelineConfig(namespace, ref);
    if (config.isEmpty()) {
      problems.error(
          "spec.pipelineConfigRef",
          "PipelineConfig "
              + Texts.quote(ref)
              + " does not exist in namespace "
              + Texts.quote(namespace)
              + "; create it first or correct pipelineConfigRef",
          Names.OBJECT_NAME_FORM,
          ref);
      return problems.result();
    }
    ValidationResult matches = new PipelineRunValidator().validateAgainstConfig(run, config.get());
    List<Step> steps = config.get().getSteps() == null ? List.of() : config.get().getSteps();
    Map<String, Map<String, String>> quotas = cluster.resourceQuotaHard(namespace);
    String of = " of PipelineConfig " + Texts.quote(ref);
    for (Resource resource : Resource.values()) {
      boolean someStepTooBig = false;
      for (Step step : steps) {
        Optional<String> why =
            step == null
                ? Optional.empty()
                : neverFits(step, StepValidator.label(step) + of, resource, quotas);
        if (why.isPresent()) {
          someStepTooBig = true;
          problems.error(
              "spec.pipelineConfigRef",
              why.get()
                  + ", so this run could never finish; lower the step's resources."
                  + resource.field
                  + " or ask for a larger quota");
        }
      }
      BigDecimal total = QuotaFit.sum(resource, steps);
      Optional<QuotaFit.Excess> all = QuotaFit.tightestExceeded(resource, total, quotas);
      if (!someStepTooBig && all.isPresent()) {
        problems.warn(
            "spec.pipelineConfigRef",
            "the steps"
                + of
                + " together need "
                + resource.describe(resource.format(total))
                + ", but "
                + all.get().describe()
                + "; steps that could run at the same"
                + " time will wait for quota in turn");
      }
    }
    return matches.and(problems.result());
  }

  /** The webhook Secret exists with its key, credentials are usable, the pipeline exists. */
  public ValidationResult validate(String namespace, RepositoryConnection connection) {
    Problems problems = new Problems();
    if (connection == null || connection.getSpec() == null) {
      return problems.result();
    }
    RepositoryConnectionSpec spec = connection.getSpec();
    RepositorySecrets.webhookSecret(problems, cluster, namespace, spec.getWebhookSecretRef());
    RepositorySecrets.authSecret(problems, cluster, namespace, spec.getAuthSecretRef());
    String ref = spec.getPipelineConfigRef();
    if (Names.isDnsSubdomain(ref) && cluster.pipelineConfig(namespace, ref).isEmpty()) {
      problems.error(
          "spec.pipelineConfigRef",
          "PipelineConfig "
              + Texts.quote(ref)
              + " does not exist in namespace "
              + Texts.quote(namespace)
              + "; create it or correct pipelineConfigRef",
          Names.OBJECT_NAME_FORM,
          ref);
    }
    return problems.result();
  }

  private void secret(
      Problems problems,
      String path,
      String namespace,
      StepSecret ref,
      Map<String, Optional<Set<String>>> cache) {
    String name = ref.getSecretRef();
    if (!Names.isDnsSubdomain(name)) {
      return;
    }
    Optional<Set<String>> keys = cache.computeIfAbsent(name, n -> cluster.secretKeys(namespace, n));
    if (keys.isEmpty()) {
      problems.error(
          path + ".secretRef",
          "Secret "
              + Texts.quote(name)
              + " does not exist in namespace "
              + Texts.quote(namespace)
              + "; create it there (a step can only read Secrets of its pipeline's namespace) or"
              + " correct secretRef",
          Names.OBJECT_NAME_FORM,
          name);
    } else if (Names.isSecretKey(ref.getKey()) && !keys.get().contains(ref.getKey())) {
      List<String> known = keys.get().stream().sorted().toList();
      problems.error(
          path + ".key",
          "Secret "
              + Texts.quote(name)
              + " has no key "
              + Texts.quote(ref.getKey())
              + Texts.didYouMean(ref.getKey(), known)
              + "; its keys are: "
              + Texts.list(known),
          "key of Secret " + name,
          ref.getKey());
    }
  }

  /** Why {@code step} can never fit, such as {@code step "x" needs 4 CPU but ...}, if so. */
  private static Optional<String> neverFits(
      Step step, String label, Resource resource, Map<String, Map<String, String>> quotas) {
    String value = resource.valueOf(step);
    Optional<BigDecimal> need = value == null ? Optional.empty() : Quantities.parse(value);
    if (need.isEmpty()) {
      return Optional.empty();
    }
    String defaulted =
        resource.isDefaulted(step)
            ? " (the default, as resources." + resource.field + " is not set)"
            : "";
    return QuotaFit.tightestExceeded(resource, need.get(), quotas)
        .map(
            excess ->
                label
                    + " needs "
                    + resource.describe(value)
                    + defaulted
                    + " but "
                    + excess.describe());
  }
}
