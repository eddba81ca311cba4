package dev.c8s.model.engine;

import dev.c8s.model.v1alpha1.StepPhase;
import java.time.Instant;

/**
 * What is known about one step when the engine is asked: its phase and when it started.
 *
 * @param phase current phase; a step that never started is Pending
 * @param reason the reason recorded with the phase, or null
 * @param startTime when its Job was created, or null
 */
public record StepState(StepPhase phase, StepReason reason, Instant startTime) {
  /** A step that has not started. */
  public static final StepState PENDING = new StepState(StepPhase.Pending, null, null);

  /** A running step started at {@code startTime}. */
  public static StepState running(Instant startTime) {
    return new StepState(StepPhase.Running, StepReason.Started, startTime);
  }

  /** A finished step. */
  public static StepState finished(StepPhase phase, StepReason reason) {
    return new StepState(phase, reason, null);
  }
}
