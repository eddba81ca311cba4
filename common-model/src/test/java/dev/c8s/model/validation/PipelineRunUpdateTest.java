package dev.c8s.model.validation;

import static dev.c8s.model.validation.Results.assertSingleError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs move Pending -> Running -> Succeeded | Failed | Cancelled and never change once done. */
class PipelineRunUpdateTest {
  private final PipelineRunValidator validator = new PipelineRunValidator();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        "none, Pending",
        "none, Running",
        "none, Failed",
        "Pending, Running",
        "Pending, Failed",
        "Pending, Cancelled",
        "Running, Succeeded",
        "Running, Failed",
        "Running, Cancelled",
        "Running, Running"
      })
  void phaseMovesAlongTheStateMachine(RunPhase from, RunPhase to) {
    ValidationResult result = validator.validateUpdate(run(from), run(to));

    assertThat(result.errors()).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "Running, Pending",
    "Pending, Succeeded",
  })
  void phaseMayNotSkipOrGoBack(RunPhase from, RunPhase to) {
    ValidationResult result = validator.validateUpdate(run(from), run(to));

    assertSingleError(
        result,
        "status.phase",
        "status.phase cannot change from " + from + " to " + to,
        "a run moves Pending -> Running -> Succeeded, Failed or Cancelled");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "Succeeded, Running",
    "Failed, Succeeded",
    "Cancelled, Pending",
  })
  void finishedRunCannotChangePhase(RunPhase from, RunPhase to) {
    ValidationResult result = validator.validateUpdate(run(from), run(to));

    assertSingleError(
        result,
        "status.phase",
        "the run finished as "
            + from
            + ", so status.phase can no longer change ("
            + from
            + " -> "
            + to
            + ")");
  }

  @Test
  void runWithoutPhaseCannotJumpToSucceeded() {
    ValidationResult result = validator.validateUpdate(run(null), run(RunPhase.Succeeded));

    assertSingleError(result, "status.phase", "cannot change from (none) to Succeeded");
  }

  @Test
  void phaseCannotBeRemoved() {
    ValidationResult result = validator.validateUpdate(run(RunPhase.Running), run(null));

    assertSingleError(result, "status.phase", "status.phase cannot be removed once it is Running");
  }

  @ParameterizedTest
  @EnumSource(
      value = RunPhase.class,
      names = {"Succeeded", "Failed", "Cancelled"})
  void finishedRunSpecCannotChange(RunPhase terminal) {
    PipelineRun after = run(terminal);
    after.getSpec().setBranch("develop");

    ValidationResult result = validator.validateUpdate(run(terminal), after);

    assertSingleError(
        result,
        "spec.branch",
        "the run finished as "
            + terminal
            + ", so spec.branch can no longer change (main ->"
            + " develop); create a new PipelineRun to run the pipeline again");
  }

  @Test
  void cancellingAFinishedRunIsRejected() {
    PipelineRun after = run(RunPhase.Succeeded);
    after.getSpec().setCancelRequested(true);

    ValidationResult result = validator.validateUpdate(run(RunPhase.Succeeded), after);

    assertSingleError(result, "spec.cancelRequested", "(none) -> true");
  }

  @Test
  void finishedRunStepStatusesCannotChange() {
    PipelineRun after = run(RunPhase.Failed);
    after.getStatus().getSteps().get(0).setExitCode(1);

    ValidationResult result = validator.validateUpdate(run(RunPhase.Failed), after);

    assertSingleError(
        result, "status.steps", "the run finished as Failed, so status.steps can no longer change");
  }

  @Test
  void finishedRunMetadataMayStillChangeSoFinalizersCanBeRemoved() {
    PipelineRun before = run(RunPhase.Succeeded);
    before.getMetadata().setFinalizers(List.of("c8s.dev/logs"));
    PipelineRun after = run(RunPhase.Succeeded);
    after.getMetadata().setLabels(Map.of("archived", "true"));

    assertThat(validator.validateUpdate(before, after).errors()).isEmpty();
  }

  @Test
  void stepStatusesMustNameStepsOfTheRunsPipelineSnapshot() {
    PipelineRun before = run(RunPhase.Running);
    PipelineRun after = run(RunPhase.Running);
    after.getStatus().setPipelineSpec(Results.seedSpec());
    after.getStatus().getSteps().get(0).setName("deploy");

    ValidationResult result = validator.validateUpdate(before, after);

    assertSingleError(
        result,
        "status.steps[0].name",
        "status lists step \"deploy\", which is not a step of the pipeline snapshot in"
            + " status.pipelineSpec; its steps are: test, build, push-image");
  }

  private static PipelineRun run(RunPhase phase) {
    PipelineRun run = PipelineRunRulesTest.seedRun();
    if (phase == null) {
      run.setStatus(new PipelineRunStatus());
    } else {
      run.getStatus().setPhase(phase);
    }
    if (run.getStatus().getSteps() == null) {
      run.getStatus().setSteps(new java.util.ArrayList<>());
      run.getStatus().getSteps().add(new StepStatus("test", StepPhase.Pending));
    }
    return run;
  }
}
