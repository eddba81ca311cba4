package dev.c8s.model.engine;

import dev.c8s.model.v1alpha1.Durations;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.Step;
import java.time.Duration;

/** The schema defaults, applied when a spec did not pass through the API server's defaulting. */
public final class StepDefaults {
  /** Default CPU request and limit of a step. */
  public static final String CPU = "500m";

  /** Default memory request and limit of a step. */
  public static final String MEMORY = "1Gi";

  /** Default step timeout. */
  public static final Duration STEP_TIMEOUT = Duration.ofMinutes(30);

  /** Default pipeline timeout. */
  public static final Duration PIPELINE_TIMEOUT = Duration.ofHours(1);

  private StepDefaults() {}

  /** The step's timeout, or the default when absent or unparsable. */
  public static Duration timeout(Step step) {
    return Durations.parse(step.getTimeout()).orElse(STEP_TIMEOUT);
  }

  /** The pipeline's timeout, or the default when absent or unparsable. */
  public static Duration timeout(PipelineConfigSpec pipeline) {
    return Durations.parse(pipeline.getTimeout()).orElse(PIPELINE_TIMEOUT);
  }

  /** The step's CPU. */
  public static String cpu(Step step) {
    return step.getResources() == null || step.getResources().getCpu() == null
        ? CPU
        : step.getResources().getCpu();
  }

  /** The step's memory. */
  public static String memory(Step step) {
    return step.getResources() == null || step.getResources().getMemory() == null
        ? MEMORY
        : step.getResources().getMemory();
  }

  /** Whether the step runs only when its dependencies succeeded (the default). */
  public static boolean onlyOnSuccess(Step step) {
    return step.getConditional() == null
        || !Boolean.FALSE.equals(step.getConditional().getOnSuccess());
  }
}
