package dev.c8s.cli.local;

import dev.c8s.model.engine.Decision;
import dev.c8s.model.engine.EngineInput;
import dev.c8s.model.engine.PipelineEngine;
import dev.c8s.model.engine.StepLaunch;
import dev.c8s.model.engine.StepReason;
import dev.c8s.model.engine.StepState;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A pipeline run on this machine, one step at a time, decided by common-model's {@link
 * PipelineEngine} exactly as the controller decides a run in the cluster: dependency order, branch
 * conditions, dependants of a failed step skipped unless {@code onSuccess: false}, timeouts.
 */
public final class LocalRun {
  /** Runs one resolved step and says how it ended. */
  @FunctionalInterface
  public interface StepRunner {
    StepProcess.Exit run(StepLaunch launch) throws InterruptedException;
  }

  /** Hears what happens, to print it. */
  public interface Listener {
    void starting(StepLaunch launch);

    void finished(String step, StepProcess.Exit exit, Duration took);

    void skipped(String step, String message);
  }

  /**
   * How the run ended.
   *
   * @param phase Succeeded or Failed
   * @param message the engine's sentence (which step failed)
   * @param exitCode 0 when it succeeded, else the exit code of the first step that failed (1 when
   *     no step failed by itself, e.g. the pipeline timed out)
   */
  public record Outcome(RunPhase phase, String message, int exitCode) {}

  private LocalRun() {}

  /**
   * Runs {@code pipeline} for {@code run}; steps not in {@code only} (when it is not empty) count
   * as skipped without running, so their dependants still run.
   */
  public static Outcome run(
      PipelineConfigSpec pipeline,
      PipelineRunSpec run,
      Set<String> only,
      StepRunner runner,
      Listener listener,
      Clock clock)
      throws InterruptedException {
    Map<String, StepState> states = new HashMap<>();
    for (Step step : pipeline.getSteps()) {
      if (!only.isEmpty() && !only.contains(step.getName())) {
        states.put(step.getName(), StepState.finished(StepPhase.Skipped, null));
      }
    }
    Instant started = clock.instant();
    Integer firstFailure = null;
    while (true) {
      Decision decision =
          PipelineEngine.decide(
              new EngineInput(pipeline, run, RunPhase.Running, started, states, clock.instant()));
      for (Decision.StepOutcome skip : decision.skip()) {
        states.put(skip.step(), StepState.finished(StepPhase.Skipped, skip.reason()));
        listener.skipped(skip.step(), skip.message());
      }
      if (decision.phase().isTerminal() || decision.start().isEmpty()) {
        int code =
            decision.phase() == RunPhase.Succeeded ? 0 : firstFailure == null ? 1 : firstFailure;
        return new Outcome(decision.phase(), decision.message(), code);
      }
      // The engine may start several steps at once; here they run one after another, in its
      // (declaration) order, and it is asked again after each.
      StepLaunch launch = decision.start().get(0);
      listener.starting(launch);
      Instant stepStart = clock.instant();
      StepProcess.Exit exit = runner.run(launch);
      listener.finished(launch.name(), exit, Duration.between(stepStart, clock.instant()));
      if (exit.exitCode() == 0) {
        states.put(launch.name(), StepState.finished(StepPhase.Succeeded, StepReason.Completed));
      } else {
        firstFailure = firstFailure == null ? exit.exitCode() : firstFailure;
        states.put(
            launch.name(),
            StepState.finished(
                StepPhase.Failed, exit.timedOut() ? StepReason.StepTimedOut : StepReason.Error));
      }
    }
  }
}
