package dev.c8s.model.validation;

import static dev.c8s.model.validation.Results.assertSingleError;
import static dev.c8s.model.validation.Results.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.c8s.model.v1alpha1.Concurrency;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineSchedule;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepResources;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One broken pipeline-level, name, image, command or dependsOn field: one error, at that field. */
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
            "history limit keeps at least one run",
            s -> s.setHistoryLimit(0),
            "spec.historyLimit",
            "historyLimit must keep between 1 and 10000 finished runs",
            "remove it to keep the default 100"),
        rule(
            "history limit stays within what etcd should hold",
            s -> s.setHistoryLimit(10_001),
            "spec.historyLimit",
            "between 1 and 10000"),
        rule(
            "concurrency limit allows at least one run",
            s -> {
              s.setConcurrency(new Concurrency());
              s.getConcurrency().setLimit(0);
            },
            "spec.concurrency.limit",
            "between 1 and 1000 runs at once"),
        rule(
            "schedule cron has five fields",
            s -> s.setSchedule(schedule("0 3 * *", null, "main")),
            "spec.schedule.cron",
            "has 4 fields; write five"),
        rule(
            "schedule cron values stay in their range",
            s -> s.setSchedule(schedule("0 24 * * *", null, "main")),
            "spec.schedule.cron",
            "hour field \"24\" has 24, outside 0-23"),
        rule(
            "schedule cron that never fires is refused",
            s -> s.setSchedule(schedule("0 0 30 2 *", null, "main")),
            "spec.schedule.cron",
            "never fires"),
        rule(
            "schedule time zone goes in its own field",
            s -> s.setSchedule(schedule("TZ=UTC 0 3 * * *", null, "main")),
            "spec.schedule.cron",
            "move it to schedule.timeZone"),
        rule(
            "schedule time zone is an IANA name",
            s -> s.setSchedule(schedule("@daily", "Mars/Olympus", "main")),
            "spec.schedule.timeZone",
            "unknown time zone \"Mars/Olympus\"",
            "Europe/Berlin"),
        rule(
            "schedule names its branch",
            s -> s.setSchedule(schedule("@daily", null, null)),
            "spec.schedule.branch",
            "names no branch"),
        rule(
            "schedule branch is a git branch name",
            s -> s.setSchedule(schedule("@daily", null, "refs/heads/main")),
            "spec.schedule.branch",
            "drop the refs/heads/ prefix"),
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
    Results.mutable(config.getSpec());
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

  private static PipelineSchedule schedule(String cron, String timeZone, String branch) {
    PipelineSchedule schedule = new PipelineSchedule();
    schedule.setCron(cron);
    schedule.setTimeZone(timeZone);
    schedule.setBranch(branch);
    return schedule;
  }

  private static Arguments rule(
      String rule, Consumer<PipelineConfigSpec> change, String field, String... fragments) {
    return arguments(rule, change, field, List.of(fragments));
  }
}
