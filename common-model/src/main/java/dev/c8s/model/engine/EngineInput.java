package dev.c8s.model.engine;

import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.RunPhase;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Everything the engine decides from.
 *
 * @param pipeline the pipeline spec the run snapshotted when it started
 * @param run the run's spec: branch, commit, matrix values, cancellation
 * @param phase the run's current phase, null before the controller first saw it
 * @param startTime when the run started (pipeline timeout counts from here), null if not yet
 * @param steps current state per step name; steps absent from the map are Pending
 * @param now the current time
 * @param jobsGone running steps whose Job no longer exists, so their result will never be known
 */
public record EngineInput(
    PipelineConfigSpec pipeline,
    PipelineRunSpec run,
    RunPhase phase,
    Instant startTime,
    Map<String, StepState> steps,
    Instant now,
    Set<String> jobsGone) {

  public EngineInput {
    jobsGone = Set.copyOf(jobsGone);
  }

  /** Input in which every running step still has its Job. */
  public EngineInput(
      PipelineConfigSpec pipeline,
      PipelineRunSpec run,
      RunPhase phase,
      Instant startTime,
      Map<String, StepState> steps,
      Instant now) {
    this(pipeline, run, phase, startTime, steps, now, Set.of());
  }

  /** The state of {@code step}, Pending when unknown. */
  public StepState state(String step) {
    return steps.getOrDefault(step, StepState.PENDING);
  }

  /** Whether the run's spec asks for cancellation. */
  public boolean cancelRequested() {
    return run != null && Boolean.TRUE.equals(run.getCancelRequested());
  }
}
