package dev.c8s.controller.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.engine.Decision.StepOutcome;
import dev.c8s.model.engine.RunReason;
import dev.c8s.model.engine.StepReason;
import dev.c8s.model.engine.StepState;
import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status's only writer: what it records, what it hands out, and when it asks for a patch. */
class RunStatusBuilderTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00.750Z");
  private static final Instant SECOND = Instant.parse("2026-11-28T12:00:00Z");
  private static final Instant LATER = Instant.parse("2026-11-28T12:05:09.300Z");

  @Test
  void aNewRunSnapshotsItsPipelineAndListsEveryStepAsPendingFromThisSecond() {
    PipelineRunStatus status =
        new RunStatusBuilder(run(null, 3L), NOW).start(pipeline("build", "test")).build();

    assertThat(status.getPhase()).isEqualTo(RunPhase.Pending);
    assertThat(status.getStartTime()).isEqualTo(SECOND);
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(status.getPipelineSpec().getRepository()).isEqualTo("https://git.example/app");
    assertThat(status.getSteps())
        .extracting(StepStatus::getName, StepStatus::getPhase)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("build", StepPhase.Pending),
            org.assertj.core.groups.Tuple.tuple("test", StepPhase.Pending));
    Condition succeeded = condition(status, RunStatusBuilder.SUCCEEDED);
    assertThat(succeeded.getStatus()).isEqualTo(ConditionStatus.UNKNOWN);
    assertThat(succeeded.getReason()).isEqualTo("Pending");
    assertThat(succeeded.getLastTransitionTime()).isEqualTo(SECOND);
  }

  @Test
  void theFirstPassOfARunWithoutStoredStatusWritesOne() {
    PipelineRun run = run(null, 1L);

    assertThat(writes(run, new RunStatusBuilder(run, NOW).reconciled().start(pipeline("build"))))
        .isTrue();
  }

  @Test
  void aLaterPassThatSeesTheSameThingsPatchesNothing() {
    PipelineRun run = run(running(), 1L);
    RunStatusBuilder again =
        new RunStatusBuilder(run, LATER)
            .reconciled()
            .observed(observed("build", runningSince(NOW)))
            .logsSettled()
            .phase(RunPhase.Running, RunReason.Running, "build runs");

    assertThat(writes(run, again)).isFalse();
  }

  @Test
  void aNewGenerationOfTheRunIsAcknowledgedEvenWhenNothingElseChanged() {
    PipelineRun run = run(running(), 2L);
    RunStatusBuilder again =
        new RunStatusBuilder(run, LATER).phase(RunPhase.Running, RunReason.Running, "build runs");

    assertThat(writes(run, again)).isTrue();
    assertThat(again.build().getObservedGeneration()).isEqualTo(2L);
    assertThat(condition(again.build(), RunStatusBuilder.SUCCEEDED).getObservedGeneration())
        .isEqualTo(2L);
  }

  @Test
  void whatBuildHandsOutCanBeChangedWithoutChangingTheBuilder() {
    PipelineRun run = run(running(), 1L);
    RunStatusBuilder builder = new RunStatusBuilder(run, LATER);
    PipelineRunStatus handedOut = builder.build();
    handedOut.getSteps().get(0).setPhase(StepPhase.Failed);
    handedOut.getConditions().clear();
    handedOut.setPhase(RunPhase.Cancelled);

    assertThat(writes(run, builder)).isFalse();
    assertThat(builder.build().getPhase()).isEqualTo(RunPhase.Running);
    assertThat(builder.build().getSteps().get(0).getPhase()).isEqualTo(StepPhase.Running);
    assertThat(builder.build().getConditions()).hasSize(1);
  }

  @Test
  void thePipelineSnapshotDoesNotChangeWithTheConfigItWasTakenFrom() {
    var pipeline = pipeline("build", "test");
    RunStatusBuilder builder = new RunStatusBuilder(run(null, 1L), NOW).start(pipeline);

    pipeline.setSteps(java.util.List.of());
    pipeline.setRepository("https://example.com/changed.git");

    assertThat(builder.build().getPipelineSpec().getSteps()).hasSize(2);
  }

  @Test
  void buildingDoesNotWriteIntoTheStatusOfTheRunItWasGiven() {
    PipelineRun run = run(running(), 1L);
    new RunStatusBuilder(run, LATER)
        .ended(List.of(new StepOutcome("build", StepPhase.Failed, StepReason.RunCancelled, "x")))
        .phase(RunPhase.Cancelled, RunReason.Cancelled, "cancelled");

    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Running);
    assertThat(run.getStatus().getCompletionTime()).isNull();
    assertThat(run.getStatus().getSteps().get(0).getPhase()).isEqualTo(StepPhase.Running);
  }

  @Test
  void eachTerminalPhaseDecidesTheSucceededConditionAndSetsTheCompletionTime() {
    for (RunPhase phase : List.of(RunPhase.Succeeded, RunPhase.Failed, RunPhase.Cancelled)) {
      PipelineRunStatus ended =
          new RunStatusBuilder(run(running(), 1L), LATER).phase(phase, null, "over").build();
      Condition succeeded = condition(ended, RunStatusBuilder.SUCCEEDED);

      assertThat(succeeded.getStatus())
          .as(phase.name())
          .isEqualTo(phase == RunPhase.Succeeded ? ConditionStatus.TRUE : ConditionStatus.FALSE);
      assertThat(succeeded.getReason()).as("no reason given").isEqualTo(phase.name());
      assertThat(succeeded.getLastTransitionTime())
          .isEqualTo(Instant.parse("2026-11-28T12:05:09Z"));
      assertThat(ended.getCompletionTime()).isEqualTo(Instant.parse("2026-11-28T12:05:09Z"));
    }
  }

  @Test
  void aFinishedRunKeepsItsFirstCompletionTime() {
    PipelineRunStatus ended =
        new RunStatusBuilder(run(running(), 1L), NOW)
            .phase(RunPhase.Failed, RunReason.StepFailed, "build failed")
            .build();
    PipelineRunStatus again =
        new RunStatusBuilder(run(ended, 1L), LATER)
            .phase(RunPhase.Failed, RunReason.StepFailed, "build failed")
            .build();

    assertThat(again.getCompletionTime()).isEqualTo(SECOND);
  }

  @Test
  void theSucceededConditionKeepsItsTransitionTimeWhileItStaysUnknown() {
    PipelineRunStatus pending =
        new RunStatusBuilder(run(null, 1L), NOW).start(pipeline("a")).build();
    Condition running =
        condition(
            new RunStatusBuilder(run(pending, 1L), LATER)
                .phase(RunPhase.Running, RunReason.Running, "a runs")
                .build(),
            RunStatusBuilder.SUCCEEDED);

    assertThat(running.getReason()).isEqualTo("Running");
    assertThat(running.getMessage()).isEqualTo("a runs");
    assertThat(running.getLastTransitionTime()).isEqualTo(SECOND);
  }

  @Test
  void aReconcileFailureIsShownWithoutTouchingThePhaseAndGoneAfterTheNextSuccess() {
    PipelineRunStatus failing =
        new RunStatusBuilder(run(running(), 1L), NOW)
            .reconcileFailed(ReconcileFailureReason.KubernetesApiError, "the API answered 500")
            .build();
    Condition failure = condition(failing, RunStatusBuilder.RECONCILE_FAILURE);
    assertThat(failure.getStatus()).isEqualTo(ConditionStatus.TRUE);
    assertThat(failure.getReason()).isEqualTo("KubernetesApiError");
    assertThat(failure.getMessage()).isEqualTo("the API answered 500");
    assertThat(failing.getPhase()).isEqualTo(RunPhase.Running);

    PipelineRun run = run(failing, 1L);
    RunStatusBuilder recovered = new RunStatusBuilder(run, LATER).reconciled();
    assertThat(writes(run, recovered)).isTrue();
    assertThat(recovered.build().getConditions())
        .extracting(Condition::getType)
        .containsExactly(RunStatusBuilder.SUCCEEDED);
  }

  @Test
  void theSameReconcileFailureAgainPatchesNothing() {
    PipelineRunStatus failing =
        new RunStatusBuilder(run(running(), 1L), NOW)
            .reconcileFailed(ReconcileFailureReason.InternalError, "boom")
            .build();

    PipelineRun failed = run(failing, 1L);
    assertThat(
            writes(
                failed,
                new RunStatusBuilder(failed, LATER)
                    .reconcileFailed(ReconcileFailureReason.InternalError, "boom")))
        .isFalse();
    PipelineRun healthy = run(running(), 1L);
    assertThat(writes(healthy, new RunStatusBuilder(healthy, LATER).reconciled())).isFalse();
  }

  /** A run whose only step, build, runs under Job r-1-build since {@link #NOW}. */
  static PipelineRunStatus running() {
    return new RunStatusBuilder(run(null, 1L), NOW)
        .start(pipeline("build"))
        .observed(observed("build", runningSince(NOW)))
        .phase(RunPhase.Running, RunReason.Running, "build runs")
        .build();
  }

  static StepObservation runningSince(Instant start) {
    return new StepObservation(StepState.running(start), null, null, null);
  }

  static ObservedStep observed(String step, StepObservation observation) {
    return new ObservedStep(step, "r-1-" + step, observation, false, List.of());
  }

  static PipelineRun run(PipelineRunStatus status, Long generation) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(
        new ObjectMetaBuilder()
            .withName("r-1")
            .withNamespace("team")
            .withGeneration(generation)
            .build());
    run.setStatus(status);
    return run;
  }

  static PipelineConfigSpec pipeline(String... steps) {
    PipelineConfigSpec spec = new PipelineConfigSpec();
    spec.setRepository("https://git.example/app");
    spec.setSteps(List.of(steps).stream().map(name -> Runs.step(name, "true")).toList());
    return spec;
  }

  static Condition condition(PipelineRunStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type));
  }

  /** Whether the pass writes the run's status: the reconciler's merge patch is not empty. */
  static boolean writes(PipelineRun run, RunStatusBuilder pass) {
    return StatusMergePatch.of(run.getStatus(), pass.build(), Map.of()).isPresent();
  }
}
