package dev.c8s.api.kube;

import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;

/**
 * Which runs a list returns; every part is optional.
 *
 * @param pipelineConfig runs of this PipelineConfig (a label selector, evaluated by Kubernetes)
 * @param phase runs in this phase (evaluated here: there is no phase label)
 * @param branch runs of this branch (evaluated here: branch names cannot be label values)
 */
public record RunFilter(String pipelineConfig, RunPhase phase, String branch) {

  /** Whether part of the filter has to be evaluated by the api-server rather than Kubernetes. */
  boolean needsScan() {
    return phase != null || branch != null;
  }

  /** Whether {@code run} passes the parts evaluated here. */
  boolean matches(PipelineRun run) {
    if (phase != null) {
      RunPhase actual = run.getStatus() == null ? null : run.getStatus().getPhase();
      // A run the controller has not seen yet counts as Pending.
      if (phase != (actual == null ? RunPhase.Pending : actual)) {
        return false;
      }
    }
    return branch == null || (run.getSpec() != null && branch.equals(run.getSpec().getBranch()));
  }
}
