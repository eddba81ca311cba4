package dev.c8s.controller.run;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.List;

/**
 * What the informer caches keep of each object: only what a reconciliation reads. A step Job's pod
 * template (its script, env and volumes) and every object's managedFields made up most of the heap,
 * and with a thousand runs at once the controller ran out of its 256 MiB (docs/performance.md).
 */
final class CachePruning {
  /** Objects per page of an informer's first LIST, so a large namespace is not one huge answer. */
  static final long LIST_LIMIT = 500;

  private CachePruning() {}

  /** A store keeping step Jobs without their pod template. */
  static TransformingItemStore<Job> jobs() {
    return new TransformingItemStore<>(CachePruning::job);
  }

  /** A store keeping step pods with their status and only their containers' names. */
  static TransformingItemStore<Pod> pods() {
    return new TransformingItemStore<>(CachePruning::pod);
  }

  static <R extends HasMetadata> R withoutManagedFields(R object) {
    object.getMetadata().setManagedFields(null);
    return object;
  }

  /** Jobs are created from the run and deleted by name, never written back from the cache. */
  static Job job(Job job) {
    withoutManagedFields(job);
    if (job.getSpec() != null) {
      job.getSpec().setTemplate(null);
    }
    return job;
  }

  /** The log readers need the containers' names; the observation needs the status. */
  static Pod pod(Pod pod) {
    withoutManagedFields(pod);
    PodSpec spec = pod.getSpec();
    if (spec != null) {
      PodSpec kept = new PodSpec();
      kept.setNodeName(spec.getNodeName());
      kept.setContainers(names(spec.getContainers()));
      kept.setInitContainers(names(spec.getInitContainers()));
      pod.setSpec(kept);
    }
    return pod;
  }

  private static List<Container> names(List<Container> containers) {
    if (containers == null) {
      return null;
    }
    return containers.stream()
        .map(
            c -> {
              Container named = new Container();
              named.setName(c.getName());
              return named;
            })
        .toList();
  }
}
