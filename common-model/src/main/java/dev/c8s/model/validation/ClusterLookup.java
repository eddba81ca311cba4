package dev.c8s.model.validation;

import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the cluster rules read: empty means absent, and a lookup that fails throws. */
public interface ClusterLookup {

  /**
   * The keys of Secret {@code name} in {@code namespace}, or empty when there is no such Secret.
   */
  Optional<Set<String>> secretKeys(String namespace, String name);

  /** The spec of PipelineConfig {@code name} in {@code namespace}, or empty when it is absent. */
  Optional<PipelineConfigSpec> pipelineConfig(String namespace, String name);

  /**
   * The {@code spec.hard} limits of each ResourceQuota in {@code namespace} that applies to step
   * pods, by quota name: keys such as {@code requests.cpu} to quantities such as {@code 100}.
   * Quotas whose scopes exclude step pods (Jobs have an active deadline, so NotTerminating) should
   * be left out.
   */
  Map<String, Map<String, String>> resourceQuotaHard(String namespace);
}
