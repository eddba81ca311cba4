package dev.c8s.model.validation;

import static dev.c8s.model.validation.Results.assertSingleError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.StepResources;
import dev.c8s.model.v1alpha1.StepSecret;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cluster rules of PipelineConfigs and PipelineRuns, against an in-memory cluster. */
class ClusterRulesTest {
  private static final String NS = "team-a";
  private final InMemoryCluster cluster = new InMemoryCluster();
  private final ClusterRules rules = new ClusterRules(cluster);

  @Test
  void seedPipelineConfigFitsTheSeedQuotaAndFindsItsSecret() {
    cluster
        .secret(NS, "registry-credentials", "config.json")
        .quota(NS, "team-a-quota", seedQuota());

    ValidationResult result = rules.validate(NS, Results.seedConfig());

    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void missingSecretIsReportedAtSecretRef() {
    ValidationResult result = rules.validate(NS, Results.seedConfig());

    assertSingleError(
        result,
        "spec.steps[2].secrets[0].secretRef",
        "Secret \"registry-credentials\" does not exist in namespace \"team-a\"; create it there");
  }

  @Test
  void missingKeyIsReportedAtKeyWithTheKeysTheSecretHas() {
    cluster.secret(NS, "registry-credentials", "config", ".dockerconfigjson");

    assertSingleError(
        rules.validate(NS, Results.seedConfig()),
        "spec.steps[2].secrets[0].key",
        "Secret \"registry-credentials\" has no key \"config.json\"; its keys are:"
            + " .dockerconfigjson, config");
  }

  @Test
  void eachSecretIsLookedUpOnceAndInvalidNamesNotAtAll() {
    PipelineConfig config = Results.seedConfig();
    List<StepSecret> secrets = new ArrayList<>(config.getSpec().getSteps().get(2).getSecrets());
    secrets.add(new StepSecret("registry-credentials", "token", "TOKEN"));
    secrets.add(new StepSecret("Not_A_Name", "token", "OTHER"));
    config.getSpec().getSteps().get(2).setSecrets(secrets);
    cluster.secret(NS, "registry-credentials", "config.json", "token");

    ValidationResult result = rules.validate(NS, config);

    assertThat(result.errors()).isEmpty();
    assertThat(cluster.lookups)
        .filteredOn(l -> l.startsWith("secret"))
        .containsExactly("secret team-a/registry-credentials");
  }

  @Test
  void stepThatCanNeverFitTheQuotaIsAnError() {
    PipelineConfig config = withSecret(Results.seedConfig());
    config.getSpec().getSteps().get(0).setResources(new StepResources("4", "2Gi"));
    cluster.quota(NS, "team-a-quota", Map.of("requests.cpu", "2"));

    assertSingleError(
        rules.validate(NS, config),
        "spec.steps[0].resources.cpu",
        "step \"test\" needs 4 CPU but ResourceQuota \"team-a-quota\" allows at most 2"
            + " (requests.cpu), so it could never run; lower resources.cpu or ask for a larger"
            + " quota");
  }

  @Test
  void stepsWithoutResourcesAreCheckedWithTheDefaults() {
    cluster.quota(NS, "small", Map.of("limits.memory", "512Mi"));

    ValidationResult result = rules.validate(NS, withSecret(Results.seedConfig()));

    assertThat(Results.fields(result.errors()))
        .containsExactly(
            "spec.steps[0].resources.memory",
            "spec.steps[1].resources.memory",
            "spec.steps[2].resources.memory");
    assertThat(result.errors().get(1).message())
        .contains(
            "step \"build\" needs 1Gi of memory (the default, as resources.memory is not set) but"
                + " ResourceQuota \"small\" allows at most 512Mi (limits.memory)");
  }

  @Test
  void tightestOfSeveralQuotasIsNamed() {
    PipelineConfig config = withSecret(Results.seedConfig());
    config.getSpec().getSteps().get(0).setResources(new StepResources("10", "1Gi"));
    cluster
        .quota(NS, "a-quota", Map.of("limits.cpu", "8", "requests.cpu", "20"))
        .quota(NS, "b-quota", Map.of("cpu", "3"));

    assertSingleError(
        rules.validate(NS, config),
        "spec.steps[0].resources.cpu",
        "ResourceQuota \"b-quota\" allows at most 3 (cpu)");
  }

  @ParameterizedTest(name = "step {0}/{1} against {2}={3}: fits={4}")
  @CsvSource({
    "1000m, 2Gi, requests.cpu, 1, true",
    "1001m, 2Gi, requests.cpu, 1, false",
    "1000m, 2Gi, cpu, 1e3, true",
    "2, 2Gi, limits.cpu, 1500m, false",
    "1000m, 2Gi, limits.memory, 2048Mi, true",
    "1000m, 2Gi, memory, 2G, false",
    "1000m, 2Gi, requests.memory, 2097152Ki, true",
    "1000m, 2Gi, pods, 1, true",
    "1000m, 2Gi, requests.cpu, not-a-quantity, true"
  })
  void quotaQuantitiesAreComparedInAnyUnit(
      String cpu, String memory, String key, String hard, boolean fits) {
    PipelineConfig config = withSecret(Results.seedConfig());
    config.getSpec().getSteps().get(0).setResources(new StepResources(cpu, memory));
    config
        .getSpec()
        .getSteps()
        .subList(1, 3)
        .forEach(s -> s.setResources(new StepResources("1m", "1Mi")));
    cluster.quota(NS, "q", Map.of(key, hard));

    assertThat(rules.validate(NS, config).isValid()).isEqualTo(fits);
  }

  @Test
  void runForAMissingPipelineConfigIsAnError() {
    assertSingleError(
        rules.validateCreate(NS, seedRun()),
        "spec.pipelineConfigRef",
        "PipelineConfig \"my-app-ci\" does not exist in namespace \"team-a\"; create it first or"
            + " correct pipelineConfigRef");
  }

  @Test
  void runWhoseStepCanNeverFitIsAnError() {
    cluster
        .config(NS, "my-app-ci", Results.seedSpec())
        .quota(NS, "small", Map.of("requests.cpu", "800m"));

    assertSingleError(
        rules.validateCreate(NS, seedRun()),
        "spec.pipelineConfigRef",
        "step \"test\" of PipelineConfig \"my-app-ci\" needs 1000m CPU but ResourceQuota"
            + " \"small\" allows at most 800m (requests.cpu), so this run could never finish");
  }

  @Test
  void runWhoseStepsTogetherExceedTheQuotaIsOnlyWarnedAbout() {
    cluster
        .config(NS, "my-app-ci", Results.seedSpec())
        .quota(NS, "team-a-quota", Map.of("requests.cpu", "1500m", "requests.memory", "10Gi"));

    ValidationResult result = rules.validateCreate(NS, seedRun());

    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.field()).isEqualTo("spec.pipelineConfigRef");
              assertThat(w.message())
                  .contains(
                      "the steps of PipelineConfig \"my-app-ci\" together need 2 CPU, but"
                          + " ResourceQuota \"team-a-quota\" allows at most 1500m (requests.cpu)")
                  .contains("will wait for quota in turn");
            });
  }

  @Test
  void runIsCheckedAgainstTheConfigFoundInTheCluster() {
    cluster.config(NS, "my-app-ci", Results.seedSpec());
    PipelineRun run = seedRun();
    run.getSpec().setMatrixIndex(Map.of("GO", "1.21"));

    assertSingleError(rules.validateCreate(NS, run), "spec.matrixIndex", "has no matrix");
  }

  @Test
  void runWithAnInvalidConfigNameIsNotLookedUp() {
    PipelineRun run = seedRun();
    run.getSpec().setPipelineConfigRef("Not Valid");

    assertThat(rules.validateCreate(NS, run).errors()).isEmpty();
    assertThat(cluster.lookups).isEmpty();
  }

  private static Map<String, String> seedQuota() {
    ResourceQuota quota = Seeds.read("example-resourcequota.yaml", ResourceQuota.class);
    Map<String, String> hard = new LinkedHashMap<>();
    for (Map.Entry<String, Quantity> entry : quota.getSpec().getHard().entrySet()) {
      hard.put(entry.getKey(), entry.getValue().getAmount() + entry.getValue().getFormat());
    }
    return hard;
  }

  private PipelineConfig withSecret(PipelineConfig config) {
    cluster.secret(NS, "registry-credentials", "config.json");
    return config;
  }

  private static PipelineRun seedRun() {
    return PipelineRunRulesTest.seedRun();
  }
}
