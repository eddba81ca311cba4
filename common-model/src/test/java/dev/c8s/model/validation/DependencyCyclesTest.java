package dev.c8s.model.validation;

import static dev.c8s.model.validation.Results.assertSingleError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dependency cycles are found through StepGraph and each is reported once, with its path. */
class DependencyCyclesTest {
  private final PipelineConfigValidator validator = new PipelineConfigValidator();

  @Test
  void dependencyCycleIsReportedOnceWithItsPath() {
    ValidationResult result = validate(step("a", "b"), step("b", "a"));

    ValidationError error =
        assertSingleError(result, "spec.steps[0].dependsOn", "dependency cycle: a -> b -> a");
    assertThat(error.message()).contains("remove one of these dependsOn entries");
  }

  @Test
  void threeStepCycleNamesEveryStepOnTheWay() {
    ValidationResult result =
        validate(
            step("lint"), step("build", "test"), step("test", "deploy"), step("deploy", "build"));

    assertSingleError(
        result, "spec.steps[1].dependsOn", "dependency cycle: build -> test -> deploy -> build");
  }

  @Test
  void selfDependencyIsReportedAtTheEntryAndNotAgainAsACycle() {
    ValidationResult result = validate(step("a"), step("b", "a", "b"));

    assertSingleError(
        result,
        "spec.steps[1].dependsOn[1]",
        "step \"b\" depends on itself, so it could never start; remove \"b\" from its dependsOn");
  }

  @Test
  void separateCyclesAreEachReported() {
    ValidationResult result =
        validate(step("a", "b"), step("b", "a"), step("c", "d"), step("d", "c"), step("e", "a"));

    assertThat(result.errors())
        .map(e -> e.field() + " " + e.message().split(";")[0])
        .containsExactly(
            "spec.steps[0].dependsOn dependency cycle: a -> b -> a",
            "spec.steps[2].dependsOn dependency cycle: c -> d -> c");
  }

  @Test
  void cyclesSharingAStepAreBothReported() {
    ValidationResult result = validate(step("a", "b"), step("b", "a", "c"), step("c", "b"));

    assertThat(result.errors())
        .extracting(ValidationError::message)
        .map(m -> m.split(";")[0])
        .containsExactlyInAnyOrder(
            "dependency cycle: a -> b -> a", "dependency cycle: b -> c -> b");
  }

  @Test
  void unknownDependencyDoesNotHideACycle() {
    ValidationResult result = validate(step("a", "b", "nope"), step("b", "a"));

    assertThat(Results.fields(result.errors()))
        .containsExactly("spec.steps[0].dependsOn[1]", "spec.steps[0].dependsOn");
  }

  @Test
  void acyclicDiamondIsValid() {
    ValidationResult result =
        validate(step("a"), step("b", "a"), step("c", "a"), step("d", "b", "c"));

    assertThat(result.errors()).isEmpty();
  }

  private ValidationResult validate(Step... steps) {
    PipelineConfig config = new PipelineConfig();
    PipelineConfigSpec spec = new PipelineConfigSpec();
    spec.setRepository("https://github.com/org/repo");
    spec.setSteps(new ArrayList<>(List.of(steps)));
    spec.setTimeout("24h");
    config.setSpec(spec);
    return validator.validate(config);
  }

  static Step step(String name, String... dependsOn) {
    Step step = new Step();
    step.setName(name);
    step.setImage("alpine:3.20");
    step.setCommands(List.of("true"));
    if (dependsOn.length > 0) {
      step.setDependsOn(List.of(dependsOn));
    }
    return step;
  }
}
