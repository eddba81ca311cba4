package dev.c8s.api.kube;

import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.LabelValues;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunIndexLabels;
import dev.c8s.model.v1alpha1.RunPhase;
import java.util.ArrayList;
import java.util.List;

/**
 * Which runs a list returns; every part is optional.
 *
 * @param pipelineConfig runs of this PipelineConfig (a label selector, evaluated by Kubernetes)
 * @param phase runs in this phase (narrowed by Kubernetes through the phase label the controller
 *     keeps, then checked here, since a label may lag its run's phase by one write)
 * @param branch runs of this branch (evaluated here: branch names cannot be label values)
 * @param pullRequest runs of this pull request number (a label selector)
 */
public record RunFilter(String pipelineConfig, RunPhase phase, String branch, Long pullRequest) {

  /** A filter without a pull request. */
  public RunFilter(String pipelineConfig, RunPhase phase, String branch) {
    this(pipelineConfig, phase, branch, null);
  }

  /** The label selector Kubernetes evaluates for this filter, or null for every run. */
  String labelSelector() {
    List<String> parts = new ArrayList<>();
    if (pipelineConfig != null) {
      parts.add(C8s.LABEL_PIPELINE_CONFIG + "=" + LabelValues.of(pipelineConfig));
    }
    if (phase != null) {
      parts.add(RunIndexLabels.phaseSelector(phase));
    }
    if (pullRequest != null) {
      parts.add(C8s.LABEL_PULL_REQUEST + "=" + pullRequest);
    }
    return parts.isEmpty() ? null : String.join(",", parts);
  }

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
