package dev.c8s.model.validation;

import static dev.c8s.model.validation.Results.assertSingleError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepConditional;
import dev.c8s.model.v1alpha1.StepResources;
import dev.c8s.model.v1alpha1.StepSecret;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One broken field of the seed's PipelineConfig gives exactly one error, at that field. */
class PipelineConfigRulesTest {
  private final PipelineConfigValidator validator = new PipelineConfigValidator();

  static Stream<Arguments> brokenFields() {
    return Stream.of(
        rule(
            "repository is required",
            s -> s.setRepository(null),
            "spec.repository",
            "the repository URL is required"),
        rule(
            "scp-style repository suggests an ssh URL",
            s -> s.setRepository("git@github.com:org/my-app.git"),
            "spec.repository",
            "\"git@github.com:org/my-app.git\" is an scp-style SSH address",
            "write it as ssh://git@github.com/org/my-app.git"),
        rule(
            "repository scheme must be supported",
            s -> s.setRepository("ftp://example.com/org/repo"),
            "spec.repository",
            "has scheme \"ftp\"",
            "use https, http, git or ssh"),
        rule(
            "repository needs a repository path",
            s -> s.setRepository("https://github.com/"),
            "spec.repository",
            "names a host but no repository",
            "https://github.com/org/repo"),
        rule(
            "repository has no whitespace",
            s -> s.setRepository("https://github.com/org/my app"),
            "spec.repository",
            "contains whitespace"),
        rule(
            "branch filters are not blank",
            s -> s.setBranches(List.of("main", " ")),
            "spec.branches[1]",
            "branch filter is empty"),
        rule(
            "steps are required", s -> s.setSteps(null), "spec.steps", "the pipeline has no steps"),
        rule(
            "at least one step",
            s -> s.setSteps(List.of()),
            "spec.steps",
            "the pipeline has no steps"),
        rule(
            "step name is required",
            s -> step(s, 2).setName(null),
            "spec.steps[2].name",
            "step name is required"),
        rule(
            "step name is a DNS-1123 label",
            s -> step(s, 2).setName("Push_Image"),
            "spec.steps[2].name",
            "step name \"Push_Image\" is not a DNS-1123 label",
            "did you mean \"push-image\"?"),
        rule(
            "step name has at most 63 characters",
            s -> step(s, 2).setName("a".repeat(64)),
            "spec.steps[2].name",
            "has 64 characters; step names have at most 63"),
        rule(
            "step names are unique",
            s -> step(s, 2).setName("test"),
            "spec.steps[2].name",
            "step name \"test\" is already used by spec.steps[0]"),
        rule(
            "image is required",
            s -> step(s, 2).setImage(" "),
            "spec.steps[2].image",
            "step \"push-image\" has no image"),
        rule(
            "image has no whitespace",
            s -> step(s, 2).setImage("golang: 1.21"),
            "spec.steps[2].image",
            "image \"golang: 1.21\" of step \"push-image\" contains whitespace"),
        rule(
            "commands are required",
            s -> step(s, 1).setCommands(null),
            "spec.steps[1].commands",
            "step \"build\" has no commands"),
        rule(
            "at least one non-blank command",
            s -> step(s, 1).setCommands(Arrays.asList("", "  ", null)),
            "spec.steps[1].commands",
            "step \"build\" has only empty commands"),
        rule(
            "dependsOn names a step",
            s -> step(s, 2).setDependsOn(List.of("biuld")),
            "spec.steps[2].dependsOn[0]",
            "step \"push-image\" depends on \"biuld\", which is not a step of this pipeline"
                + " (did you mean \"build\"?); use one of: test, build"),
        rule(
            "dependsOn is not the step itself",
            s -> step(s, 1).setDependsOn(List.of("test", "build")),
            "spec.steps[1].dependsOn[1]",
            "step \"build\" depends on itself",
            "remove \"build\" from its dependsOn"),
        rule(
            "dependsOn has no repeats",
            s -> step(s, 1).setDependsOn(List.of("test", "test")),
            "spec.steps[1].dependsOn[1]",
            "step \"build\" lists \"test\" twice in dependsOn (first at dependsOn[0])"),
        rule(
            "dependsOn entries are not blank",
            s -> step(s, 1).setDependsOn(Arrays.asList("test", "")),
            "spec.steps[1].dependsOn[1]",
            "dependsOn entry of step \"build\" is empty"),
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
            "has an empty conditional.branch, so it would never run"),
        rule(
            "pipeline timeout matches the pattern",
            s -> s.setTimeout("1 hour"),
            "spec.timeout",
            "pipeline timeout \"1 hour\" is not a duration c8s accepts"),
        rule(
            "pipeline timeout is more than zero",
            s -> s.setTimeout("0h"),
            "spec.timeout",
            "pipeline timeout \"0h\" is zero"),
        rule(
            "an empty step entry is reported",
            s -> s.getSteps().add(null),
            "spec.steps[3]",
            "step is empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFields")
  void eachRuleReportsOneErrorAtTheBrokenField(
      String rule, Consumer<PipelineConfigSpec> breakIt, String field, List<String> fragments) {
    PipelineConfig config = Results.seedConfig();
    mutable(config.getSpec());
    breakIt.accept(config.getSpec());

    assertSingleError(validator.validate(config), field, fragments);
  }

  @Test
  void missingSpecIsTheOnlyError() {
    ValidationResult result = validator.validate(new PipelineConfig());

    assertSingleError(result, "spec", "spec is required");
  }

  @Test
  void errorsCarryExpectedFormAndOffendingValue() {
    PipelineConfig config = Results.seedConfig();
    Step test = config.getSpec().getSteps().get(0);
    test.setResources(new StepResources("two", "2Gi"));
    test.setTimeout("10 minutes");
    config.getSpec().setRepository("git@github.com:org/my-app");

    ValidationResult result = validator.validate(config);

    assertThat(result.errors())
        .extracting(
            ValidationError::field, ValidationError::expectedType, ValidationError::actualValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "spec.repository", GitUrls.EXPECTED, "git@github.com:org/my-app"),
            org.assertj.core.groups.Tuple.tuple(
                "spec.steps[0].resources.cpu", "CPU quantity such as 500m or 2", "two"),
            org.assertj.core.groups.Tuple.tuple(
                "spec.steps[0].timeout", "duration such as 30s, 10m or 2h", "10 minutes"));
  }

  @Test
  void specValidatedOnItsOwnUsesTheGivenPathPrefix() {
    PipelineConfigSpec spec = Results.seedSpec();
    spec.getSteps().get(2).setDependsOn(List.of("biuld"));

    ValidationResult result = validator.validate(spec, "status.pipelineSpec");

    assertSingleError(result, "status.pipelineSpec.steps[2].dependsOn[0]", "\"biuld\"");
    assertThat(result.warnings())
        .extracting(ValidationError::field)
        .containsExactly("status.pipelineSpec.timeout");
  }

  @Test
  void emptyBranchListIsAWarningBecauseNoPushWouldEverMatch() {
    PipelineConfig config = Results.seedConfig();
    config.getSpec().setBranches(List.of());

    ValidationResult result = validator.validate(config);

    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings())
        .filteredOn(w -> w.field().equals("spec.branches"))
        .singleElement()
        .satisfies(w -> assertThat(w.message()).contains("no push ever triggers this pipeline"));
  }

  @Test
  void timeoutSumUsesDefaultsForMissingTimeoutsAndStaysQuietWhenItFits() {
    PipelineConfig config = Results.seedConfig();
    config.getSpec().setTimeout(null); // default 1h
    config.getSpec().getSteps().forEach(step -> step.setTimeout(null)); // 3 x 30m default

    ValidationResult tooShort = validator.validate(config);
    config.getSpec().setTimeout("90m");
    ValidationResult enough = validator.validate(config);

    assertThat(tooShort.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.field()).isEqualTo("spec.timeout");
              assertThat(w.message())
                  .contains("add up to 90m (test 30m + build 30m + push-image 30m)")
                  .contains("pipeline timeout of 1h");
            });
    assertThat(enough.warnings()).isEmpty();
    assertThat(enough.errors()).isEmpty();
  }

  private static Arguments rule(
      String rule, Consumer<PipelineConfigSpec> change, String field, String... fragments) {
    return arguments(rule, change, field, List.of(fragments));
  }

  private static Step step(PipelineConfigSpec spec, int index) {
    return spec.getSteps().get(index);
  }

  private static StepSecret secret(PipelineConfigSpec spec) {
    return spec.getSteps().get(2).getSecrets().get(0);
  }

  // Jackson may hand back fixed-size lists; the cases add entries.
  private static void mutable(PipelineConfigSpec spec) {
    spec.setSteps(new ArrayList<>(spec.getSteps()));
    spec.getSteps().get(2).setSecrets(new ArrayList<>(spec.getSteps().get(2).getSecrets()));
  }
}
