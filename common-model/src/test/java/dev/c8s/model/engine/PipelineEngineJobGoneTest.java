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
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Running steps whose Job is gone: decided in the same pass as everything else. */
class PipelineEngineJobGoneTest {
  static final PipelineConfigSpec PIPELINE =
      pipeline(timeout("10m", step("test")), step("build", "test"), step("lint"));

  @Test
  void aRunningStepWithoutItsJobFailsAsJobDeletedAndItsDependantsAreSkipped() {
    Decision decision =
        decide(run("main"), states("test", Running, "lint", Succeeded), T0.plusSeconds(60));

    Decision.StepOutcome stop = decision.stop().get(0);
    assertThat(stopped(decision)).containsExactly("test");
    assertThat(stop.phase()).isEqualTo(StepPhase.Failed);
    assertThat(stop.reason()).isEqualTo(StepReason.JobDeleted);
    assertThat(stop.message()).startsWith("its Job no longer exists");
    assertThat(skipped(decision)).containsExactly("build");
    assertThat(decision.phase()).isEqualTo(RunPhase.Failed);
    assertThat(decision.message()).isEqualTo("Step \"test\" failed");
  }

  @Test
  void aCancelledRunStopsTheStepAsCancelledRatherThanJobDeleted() {
    PipelineRunSpec cancelled = run("main");
    cancelled.setCancelRequested(true);

    Decision decision = decide(cancelled, states("test", Running), T0.plusSeconds(60));

    assertThat(decision.stop())
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo(StepReason.RunCancelled));
    assertThat(decision.phase()).isEqualTo(RunPhase.Cancelled);
  }

  @Test
  void aStepPastItsTimeoutIsStoppedAsTimedOutEvenWithoutItsJob() {
    Decision decision =
        decide(run("main"), states("test", Running), T0.plus(Duration.ofMinutes(10)));

    assertThat(decision.stop())
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo(StepReason.StepTimedOut));
  }

  @Test
  void aGoneJobOfAFinishedStepChangesNothing() {
    Decision decision =
        decide(run("main"), states("test", Succeeded, "lint", Running), T0.plusSeconds(60));

    assertThat(decision.stop()).isEmpty();
    assertThat(started(decision)).containsExactly("build");
    assertThat(decision.phase()).isEqualTo(RunPhase.Running);
  }

  private static Decision decide(PipelineRunSpec run, Map<String, StepState> states, Instant now) {
    return PipelineEngine.decide(
        new EngineInput(PIPELINE, run, RunPhase.Running, T0, states, now, Set.of("test")));
  }
}
