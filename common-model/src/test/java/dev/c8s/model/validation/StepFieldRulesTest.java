package dev.c8s.model.validation;

import static dev.c8s.model.validation.Results.assertSingleError;
import static dev.c8s.model.validation.Results.secret;
import static dev.c8s.model.validation.Results.step;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.StepConditional;
import dev.c8s.model.v1alpha1.StepSecret;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One broken resource, timeout, artifact, secret or condition of a step: one error, there. */
class StepFieldRulesTest {
  private final PipelineConfigValidator validator = new PipelineConfigValidator();

  static Stream<Arguments> brokenFields() {
    return Stream.of(
        rule(
            "cpu matches the pattern",
            s -> step(s, 0).getResources().setCpu("1.5"),
            "spec.steps[0].resources.cpu",
            "cpu \"1.5\" of step \"test\" is not a CPU quantity c8s accepts",
            "did you mean 1500m?"),
        rule(
            "cpu is more than zero",
            s -> step(s, 0).getResources().setCpu("0m"),
            "spec.steps[0].resources.cpu",
            "cpu \"0m\" of step \"test\" is zero"),
        rule(
            "memory matches the pattern",
            s -> step(s, 0).getResources().setMemory("2G"),
            "spec.steps[0].resources.memory",
            "memory \"2G\" of step \"test\" is not a memory quantity",
            "did you mean 2Gi?"),
        rule(
            "memory in a unit the pattern lacks gets a converted suggestion",
            s -> step(s, 0).getResources().setMemory("1.5Gi"),
            "spec.steps[0].resources.memory",
            "did you mean 1536Mi?"),
        rule(
            "memory is more than zero",
            s -> step(s, 0).getResources().setMemory("0Mi"),
            "spec.steps[0].resources.memory",
            "memory \"0Mi\" of step \"test\" is zero"),
        rule(
            "step timeout matches the pattern",
            s -> step(s, 0).setTimeout("1h30m"),
            "spec.steps[0].timeout",
            "step \"test\" timeout \"1h30m\" is not a duration c8s accepts",
            "such as 90m"),
        rule(
            "step timeout needs a unit",
            s -> step(s, 0).setTimeout("30"),
            "spec.steps[0].timeout",
            "such as 30m for minutes"),
        rule(
            "step timeout is more than zero",
            s -> step(s, 0).setTimeout("0s"),
            "spec.steps[0].timeout",
            "step \"test\" timeout \"0s\" is zero"),
        rule(
            "artifact patterns are not blank",
            s -> step(s, 1).setArtifacts(List.of("app", "")),
            "spec.steps[1].artifacts[1]",
            "artifact pattern of step \"build\" is empty"),
        rule(
            "artifact patterns are relative",
            s -> step(s, 1).setArtifacts(List.of("/app")),
            "spec.steps[1].artifacts[0]",
            "artifact pattern \"/app\" of step \"build\" is absolute",
            "such as \"app\""),
        rule(
            "artifact patterns stay in the workspace",
            s -> step(s, 1).setArtifacts(List.of("dist/../../etc/passwd")),
            "spec.steps[1].artifacts[0]",
            "uses '..' to leave the workspace"),
        rule(
            "secretRef is required",
            s -> secret(s).setSecretRef(null),
            "spec.steps[2].secrets[0].secretRef",
            "the name of a Secret is required"),
        rule(
            "secretRef is a Secret name",
            s -> secret(s).setSecretRef("Registry_Credentials"),
            "spec.steps[2].secrets[0].secretRef",
            "\"Registry_Credentials\" cannot be the name of a Secret",
            "did you mean \"registry-credentials\"?"),
        rule(
            "secret key is required",
            s -> secret(s).setKey(null),
            "spec.steps[2].secrets[0].key",
            "key is required"),
        rule(
            "secret key is a valid Secret key",
            s -> secret(s).setKey("config json"),
            "spec.steps[2].secrets[0].key",
            "\"config json\" cannot be a key of a Secret"),
        rule(
            "envVar is a valid environment variable name",
            s -> secret(s).setEnvVar("docker-config"),
            "spec.steps[2].secrets[0].envVar",
            "envVar \"docker-config\" is not a valid environment variable name",
            "did you mean \"DOCKER_CONFIG\"?"),
        rule(
            "a key used as the variable name must be a valid one, else set envVar",
            s -> secret(s).setEnvVar(null),
            "spec.steps[2].secrets[0].key",
            "key \"config.json\" becomes the environment variable name because envVar is not set",
            "set envVar, such as envVar: CONFIG_JSON"),
        rule(
            "two secrets of a step do not set the same variable",
            s -> step(s, 2).getSecrets().add(new StepSecret("other", "DOCKER_CONFIG", null)),
            "spec.steps[2].secrets[1].key",
            "environment variable \"DOCKER_CONFIG\" is already set by spec.steps[2].secrets[0]"),
        rule(
            "an empty secret entry is reported",
            s -> step(s, 2).getSecrets().add(null),
            "spec.steps[2].secrets[1]",
            "secret entry of step \"push-image\" is empty"),
        rule(
            "conditional.branch is not blank",
            s -> step(s, 2).setConditional(new StepConditional("", null)),
            "spec.steps[2].conditional.branch",
            "has an empty conditional.branch, so it would never run"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFields")
  void eachRuleReportsOneErrorAtTheBrokenField(
      String rule, Consumer<PipelineConfigSpec> breakIt, String field, List<String> fragments) {
    PipelineConfig config = Results.seedConfig();
    Results.mutable(config.getSpec());
    breakIt.accept(config.getSpec());

    assertSingleError(validator.validate(config), field, fragments);
  }

  private static Arguments rule(
      String rule, Consumer<PipelineConfigSpec> change, String field, String... fragments) {
    return arguments(rule, change, field, List.of(fragments));
  }
}
