package dev.c8s.model.engine;

import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the engine wants done now; executors (the controller's Jobs) apply it and nothing else.
 *
 * @param phase the run's phase after these actions
 * @param reason why the run is in that phase
 * @param message a sentence for people, e.g. which step failed
 * @param start steps to start now, in declaration order
 * @param skip steps that will never run, with the reason
 * @param stop running steps to stop (delete their Jobs), with the phase they end in
 * @param recheckAt the earliest step or pipeline deadline still ahead, to re-evaluate then
 */
public record Decision(
    RunPhase phase,
    RunReason reason,
    String message,
    List<StepLaunch> start,
    List<StepOutcome> skip,
    List<StepOutcome> stop,
    Optional<Instant> recheckAt) {

  public Decision {
    start = List.copyOf(start);
    skip = List.copyOf(skip);
    stop = List.copyOf(stop);
  }

  /** A decision that changes nothing: used for terminal runs. */
  public static Decision unchanged(RunPhase phase, RunReason reason, String message) {
    return new Decision(phase, reason, message, List.of(), List.of(), List.of(), Optional.empty());
  }

  /**
   * A step that ends without (further) running.
   *
   * @param step the step's name
   * @param phase Skipped for a step that never ran, Failed for one stopped while running
   * @param reason why
   * @param message a sentence for people
   */
  public record StepOutcome(String step, StepPhase phase, StepReason reason, String message) {}
}
