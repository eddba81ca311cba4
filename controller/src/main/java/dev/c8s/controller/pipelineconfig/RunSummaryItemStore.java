package dev.c8s.controller.pipelineconfig;

import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;

/**
 * The PipelineConfig reconciler's cache of runs keeps what history and statistics read: identity,
 * creation time, the config named, phase, times and conditions; no snapshot, steps or
 * managedFields. This cache is never written back, so a summary is safe (issue 18: memory at 10,000
 * runs).
 */
public class RunSummaryItemStore extends TransformingItemStore<PipelineRun> {
  public RunSummaryItemStore() {
    super(RunSummaryItemStore::summary);
  }

  static PipelineRun summary(PipelineRun run) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(run.getMetadata().getName());
    meta.setNamespace(run.getMetadata().getNamespace());
    meta.setUid(run.getMetadata().getUid());
    meta.setResourceVersion(run.getMetadata().getResourceVersion());
    meta.setCreationTimestamp(run.getMetadata().getCreationTimestamp());
    meta.setDeletionTimestamp(run.getMetadata().getDeletionTimestamp());
    PipelineRun summary = new PipelineRun();
    summary.setMetadata(meta);
    PipelineRunSpec spec = new PipelineRunSpec();
    if (run.getSpec() != null) {
      spec.setPipelineConfigRef(run.getSpec().getPipelineConfigRef());
    }
    summary.setSpec(spec);
    PipelineRunStatus full = run.getStatus();
    if (full != null) {
      PipelineRunStatus status = new PipelineRunStatus();
      status.setPhase(full.getPhase());
      status.setStartTime(full.getStartTime());
      status.setCompletionTime(full.getCompletionTime());
      status.setConditions(full.getConditions());
      summary.setStatus(status);
    }
    return summary;
  }
}
