package dev.c8s.model.engine;

import static dev.c8s.model.engine.Pipelines.T0;
import static dev.c8s.model.engine.Pipelines.pipeline;
import static dev.c8s.model.engine.Pipelines.run;
import static dev.c8s.model.engine.Pipelines.skipped;
import static dev.c8s.model.engine.Pipelines.started;
import static dev.c8s.model.engine.Pipelines.states;
import static dev.c8s.model.engine.Pipelines.step;
import static dev.c8s.model.engine.Pipelines.stopped;
import static dev.c8s.model.engine.Pipelines.timeout;
import static dev.c8s.model.v1alpha1.StepPhase.Failed;
import static dev.c8s.model.v1alpha1.StepPhase.Running;
import static dev.c8s.model.v1alpha1.StepPhase.Succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Step and pipeline timeouts, cancellation, and the immutability of terminal runs. */
class PipelineEngineDeadlineTest {

  static final PipelineConfigSpec PIPELINE =
      pipeline(timeout("10m", step("test")), step("build", "test"), step("lint"));

  @Test
  void stepRunningPastItsTimeoutIsStoppedAsFailed() {
    Decision decision = decideAt(T0.plus(Duration.ofMinutes(10)), states("test", Running));
    assertThat(stopped(decision)).containsExactly("test");
    Decision.StepOutcome stop = decision.stop().get(0);
    assertThat(stop.phase()).isEqualTo(StepPhase.Failed);
    assertThat(stop.reason()).isEqualTo(StepReason.StepTimedOut);
    assertThat(stop.message()).isEqualTo("step ran longer than its timeout of 10m");
    assertThat(skipped(decision)).containsExactly("build");
  }

  @Test
  void runFailsWithTheTimedOutStepNamedOnceNothingElseRuns() {
    Decision decision =
        decideAt(T0.plus(Duration.ofMinutes(10)), states("test", Running, "lint", Succeeded));
    assertThat(decision.phase()).isEqualTo(RunPhase.Failed);
    assertThat(decision.reason()).isEqualTo(RunReason.StepFailed);
    assertThat(decision.message()).isEqualTo("Step \"test\" timed out");
  }

  @Test
  void stepWithinItsTimeoutKeepsRunningAndTheEngineAsksToRecheckAtItsDeadline() {
    Decision decision = decideAt(T0.plus(Duration.ofMinutes(9)), states("test", Running));
    assertThat(decision.stop()).isEmpty();
    assertThat(decision.recheckAt()).contains(T0.plus(Duration.ofMinutes(10)));
  }

  @Test
  void newlyStartedStepsBringTheirOwnDeadlineIntoTheRecheckTime() {
    Decision decision = decideAt(T0.plus(Duration.ofMinutes(1)), states());
    assertThat(started(decision)).containsExactly("test", "lint");
    assertThat(decision.recheckAt()).contains(T0.plus(Duration.ofMinutes(11)));
  }

  @Test
  void pipelineTimeoutStopsRunningStepsSkipsPendingOnesAndFailsTheRun() {
    PipelineConfigSpec pipeline = pipeline(step("test"), step("build", "test"), step("lint"));
    pipeline.setTimeout("20m");
    Decision decision =
        PipelineEngine.decide(
            new EngineInput(
                pipeline,
                run("main"),
                RunPhase.Running,
                T0,
                states("test", Running, "lint", Succeeded),
                T0.plus(Duration.ofMinutes(20))));
    assertThat(decision.phase()).isEqualTo(RunPhase.Failed);
    assertThat(decision.reason()).isEqualTo(RunReason.PipelineTimedOut);
    assertThat(decision.message()).isEqualTo("The pipeline timeout of 20m passed");
    assertThat(stopped(decision)).containsExactly("test");
    assertThat(skipped(decision)).containsExactly("build");
    assertThat(decision.start()).isEmpty();
  }

  @Test
  void pipelineDefaultTimeoutIsOneHourFromTheRunsStart() {
    PipelineConfigSpec pipeline = pipeline(timeout("2h", step("slow")));
    Decision before = decideWith(pipeline, T0.plus(Duration.ofMinutes(59)));
    Decision after = decideWith(pipeline, T0.plus(Duration.ofMinutes(60)));
    assertThat(before.phase()).isEqualTo(RunPhase.Running);
    assertThat(before.recheckAt()).contains(T0.plus(Duration.ofHours(1)));
    assertThat(after.reason()).isEqualTo(RunReason.PipelineTimedOut);
  }

  @Test
  void cancelWhileRunningStopsRunningStepsSkipsTheRestAndCancelsTheRun() {
    PipelineRunSpec run = run("main");
    run.setCancelRequested(true);
    Decision decision =
        PipelineEngine.decide(
            new EngineInput(
                PIPELINE,
                run,
                RunPhase.Running,
                T0,
                states("test", Running, "lint", Succeeded),
                T0.plusSeconds(30)));
    assertThat(decision.phase()).isEqualTo(RunPhase.Cancelled);
    assertThat(decision.reason()).isEqualTo(RunReason.Cancelled);
    assertThat(stopped(decision)).containsExactly("test");
    assertThat(decision.stop().get(0).reason()).isEqualTo(StepReason.RunCancelled);
    assertThat(skipped(decision)).containsExactly("build");
    assertThat(decision.skip().get(0).phase()).isEqualTo(StepPhase.Skipped);
  }

  @Test
  void cancelBeforeAnyStepStartedCancelsWithoutStartingAnything() {
    PipelineRunSpec run = run("main");
    run.setCancelRequested(true);
    Decision decision =
        PipelineEngine.decide(new EngineInput(PIPELINE, run, null, null, Map.of(), T0));
    assertThat(decision.phase()).isEqualTo(RunPhase.Cancelled);
    assertThat(decision.start()).isEmpty();
    assertThat(skipped(decision)).containsExactly("test", "build", "lint");
  }

  @ParameterizedTest
  @EnumSource(
      value = RunPhase.class,
      names = {"Succeeded", "Failed", "Cancelled"})
  void terminalRunNeverChangesWhateverHappensLater(RunPhase terminal) {
    PipelineRunSpec run = run("main");
    run.setCancelRequested(true);
    Decision decision =
        PipelineEngine.decide(
            new EngineInput(
                PIPELINE, run, terminal, T0, states("test", Running), T0.plus(Duration.ofDays(1))));
    assertThat(decision.phase()).isEqualTo(terminal);
    assertThat(decision.start()).isEmpty();
    assertThat(decision.skip()).isEmpty();
    assertThat(decision.stop()).isEmpty();
    assertThat(decision.recheckAt()).isEmpty();
  }

  @Test
  void runThatStartedLaterMeasuresItsPipelineTimeoutFromItsOwnStart() {
    Instant start = T0.plus(Duration.ofHours(3));
    Decision decision =
        PipelineEngine.decide(
            new EngineInput(
                PIPELINE,
                run("main"),
                RunPhase.Running,
                start,
                states("test", Succeeded, "lint", Failed),
                start.plusSeconds(5)));
    assertThat(started(decision)).containsExactly("build");
  }

  private static Decision decideAt(Instant now, Map<String, StepState> states) {
    return PipelineEngine.decide(
        new EngineInput(PIPELINE, run("main"), RunPhase.Running, T0, states, now));
  }

  private static Decision decideWith(PipelineConfigSpec pipeline, Instant now) {
    return PipelineEngine.decide(
        new EngineInput(
            pipeline,
            run("main"),
            RunPhase.Running,
            T0,
            Map.of("slow", StepState.running(T0)),
            now));
  }
}
