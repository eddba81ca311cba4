package dev.c8s.controller.forge;

import dev.c8s.model.engine.RunReason;
import dev.c8s.model.v1alpha1.RunPhase;

/**
 * What a run means to a Git provider, before each provider's own words for it: {@code ERROR} is a
 * run that could not start (no or an invalid PipelineConfig), {@code FAILURE} one whose steps
 * failed.
 */
public enum CommitOutcome {
  PENDING,
  RUNNING,
  SUCCESS,
  FAILURE,
  CANCELLED,
  ERROR;

  /** The outcome of a run in {@code phase}, ended for {@code reason} (may be null). */
  public static CommitOutcome of(RunPhase phase, String reason) {
    return switch (phase) {
      case Pending -> PENDING;
      case Running -> RUNNING;
      case Succeeded -> SUCCESS;
      case Cancelled -> CANCELLED;
      case Failed ->
          RunReason.PipelineConfigNotFound.name().equals(reason)
                  || RunReason.InvalidPipeline.name().equals(reason)
              ? ERROR
              : FAILURE;
    };
  }
}
