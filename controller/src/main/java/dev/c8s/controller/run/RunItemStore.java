package dev.c8s.controller.run;

import dev.c8s.model.v1alpha1.PipelineRun;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;

/**
 * The cache of runs, without their managedFields: status writes are merge patches of what changed
 * and label writes merge patches of labels, so a cached run never needs them (see {@link
 * CachePruning}).
 */
public class RunItemStore extends TransformingItemStore<PipelineRun> {
  public RunItemStore() {
    super(CachePruning::withoutManagedFields);
  }
}
