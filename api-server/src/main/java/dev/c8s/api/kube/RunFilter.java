package dev.c8s.api.kube;

import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.LabelValues;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunFields;
import dev.c8s.model.v1alpha1.RunIndexLabels;
import dev.c8s.model.v1alpha1.RunPhase;
import java.util.ArrayList;
import java.util.List;

/**
 * Which runs a list returns; every part is optional. Where the cluster selects runs by field
 * ({@link RunFields}), Kubernetes evaluates all of it; elsewhere phase and branch are scanned.
 *
 * @param pipelineConfig runs of this PipelineConfig
 * @param phase runs in this phase (without field selection: narrowed by Kubernetes through the
 *     phase label the controller keeps, then checked here, since a label may lag its run's phase by
 *     one write)
 * @param branch runs of this branch (without field selection: evaluated here, since branch names
 *     cannot be label values)
 * @param pullRequest runs of this pull request number (a label selector)
 */
public record RunFilter(String pipelineConfig, RunPhase phase, String branch, Long pullRequest) {

  /** A filter without a pull request. */
  public RunFilter(String pipelineConfig, RunPhase phase, String branch) {
    this(pipelineConfig, phase, branch, null);
  }

  /** What Kubernetes evaluates of a filter: a label and a field selector, each null for none. */
  record Selectors(String labels, String fields) {}

  /** The selectors for this filter, by field where {@code byField}, else by label alone. */
  Selectors selectors(boolean byField) {
    List<String> labels = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    if (pipelineConfig != null) {
      if (byField) {
        fields.add(RunFields.equalTo(RunFields.PIPELINE_CONFIG, pipelineConfig));
      } else {
        labels.add(C8s.LABEL_PIPELINE_CONFIG + "=" + LabelValues.of(pipelineConfig));
      }
    }
    if (phase != null && byField) {
      fields.add(RunFields.phaseSelector(phase));
    } else if (phase != null) {
      labels.add(RunIndexLabels.phaseSelector(phase));
    }
    if (branch != null && byField) {
      fields.add(RunFields.equalTo(RunFields.BRANCH, branch));
    }
    if (pullRequest != null) {
      labels.add(C8s.LABEL_PULL_REQUEST + "=" + pullRequest);
    }
    return new Selectors(joined(labels), joined(fields));
  }

  /** Whether part of the filter has to be evaluated by the api-server rather than Kubernetes. */
  boolean needsScan(boolean byField) {
    return !byField && (phase != null || branch != null);
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

  private static String joined(List<String> parts) {
    return parts.isEmpty() ? null : String.join(",", parts);
  }
}
