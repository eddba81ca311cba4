package dev.c8s.controller.run;

import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;

/** Whether a run is held for approval, and what its status tells people to do about it. */
final class RunApproval {
  private RunApproval() {}

  /** Whether {@code run} waits for an approval and was not cancelled meanwhile. */
  static boolean holds(PipelineRun run) {
    PipelineRunSpec spec = run.getSpec();
    return spec != null && spec.awaitsApproval() && !Boolean.TRUE.equals(spec.getCancelRequested());
  }

  /** The Pending message of a held run: why it waits and the two ways to release it. */
  static String waiting(PipelineRun run) {
    PipelineRunSpec spec = run.getSpec();
    String what =
        spec.getPullRequest() == null
            ? "This run"
            : "Pull request #" + spec.getPullRequest().getNumber() + " comes from a fork; its run";
    return what
        + " waits for approval: a user with write access comments /ok-to-test on the pull"
        + " request, or someone allowed to update PipelineRuns sets spec.approvedBy";
  }
}
