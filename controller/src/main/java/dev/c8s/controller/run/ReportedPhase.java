package dev.c8s.controller.run;

import dev.c8s.model.engine.ConcurrencyGate;
import dev.c8s.model.engine.Decision;
import dev.c8s.model.engine.RunReason;
import dev.c8s.model.engine.StepReason;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import java.util.List;
import java.util.Map;

/**
 * The phase a pass reports: the engine's, except Pending while every started step waits for quota
 * or for Kueue, and Superseded when a newer run cancelled this one.
 */
final class ReportedPhase {
  private ReportedPhase() {}

  /** Notes in {@code status} the phase of a run the engine decided on and the pass acted on. */
  static void report(
      RunStatusBuilder status, Decision decision, RunActions.Outcome acted, PipelineRun run) {
    List<StepStatus> steps = status.view().getSteps();
    boolean admitting = steps.stream().anyMatch(ReportedPhase::waitingForAdmission);
    boolean anyRunning =
        steps.stream().anyMatch(s -> s.getPhase() == StepPhase.Running && !waitingForAdmission(s));
    String supersededBy = supersededBy(run);
    if (decision.phase() == RunPhase.Running && !anyRunning && acted.waitingForQuota()) {
      status.phase(RunPhase.Pending, RunReason.Pending, "Steps are waiting for quota");
    } else if (decision.phase() == RunPhase.Running && !anyRunning && admitting) {
      status.phase(
          RunPhase.Pending, RunReason.Pending, "Steps are waiting for Kueue to admit them");
    } else if (decision.phase() == RunPhase.Cancelled && supersededBy != null) {
      status.phase(
          RunPhase.Cancelled, RunReason.Superseded, ConcurrencyGate.superseded(supersededBy, null));
    } else {
      status.phase(decision.phase(), decision.reason(), decision.message());
    }
  }

  private static boolean waitingForAdmission(StepStatus step) {
    return StepReason.WaitingForAdmission.name().equals(step.getReason());
  }

  private static String supersededBy(PipelineRun run) {
    Map<String, String> annotations = run.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(RunQueue.SUPERSEDED_BY);
  }
}
