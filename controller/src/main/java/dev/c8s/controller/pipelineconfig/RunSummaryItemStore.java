package dev.c8s.controller.pipelineconfig;

import dev.c8s.model.v1alpha1.LogsArchived;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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

  /**
   * Whether an update of a run changes what the PipelineConfig reconciler reads of it: its phase,
   * whether its logs are still pending (history keeps those), its deletion. A run's status is
   * written about seven times in its life, and its config needs to hear of two or three of them.
   */
  static boolean changesWhatConfigsRead(PipelineRun newer, PipelineRun older) {
    return !Objects.equals(readByConfigs(newer), readByConfigs(older));
  }

  private static List<Object> readByConfigs(PipelineRun run) {
    PipelineRunStatus status = run.getStatus();
    return Arrays.asList(
        run.getMetadata().getDeletionTimestamp(),
        status == null ? null : status.getPhase(),
        status != null && LogsArchived.pending(status));
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
