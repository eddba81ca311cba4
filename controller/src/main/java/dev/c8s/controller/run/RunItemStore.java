package dev.c8s.controller.run;

import dev.c8s.model.v1alpha1.PipelineRun;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;

/**
 * The cache of runs, without their managedFields: status writes go through server-side apply with
 * managedFields removed, so a cached run never needs them (see {@link CachePruning}).
 */
public class RunItemStore extends TransformingItemStore<PipelineRun> {
  public RunItemStore() {
    super(CachePruning::withoutManagedFields);
  }
}
