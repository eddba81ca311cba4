package dev.c8s.controller.run;

import dev.c8s.model.v1alpha1.LogsArchived;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The runs of each PipelineConfig, read from the run reconciler's own cache, and the events that
 * wake a config when one of its runs changes what the config reads: one informer of runs for both
 * reconcilers, so each run event is read off the wire once (issue 18, decision 0076).
 */
@ApplicationScoped
public class RunsOfConfigs {
  private static final String BY_CONFIG = "by-pipeline-config";

  private final SimpleInboundEventSource<PipelineConfig> wake =
      new SimpleInboundEventSource<>("runs-of-config");
  private volatile IndexerResourceCache<PipelineRun> runs;

  /** Reads from {@code cache}, the run reconciler's cache, before its informer starts. */
  void from(IndexerResourceCache<PipelineRun> cache) {
    cache.addIndexers(Map.of(BY_CONFIG, RunsOfConfigs::configKeys));
    runs = cache;
  }

  /** The event source through which runs wake their PipelineConfig. */
  public SimpleInboundEventSource<PipelineConfig> eventSource() {
    return wake;
  }

  /**
   * The runs of the PipelineConfig {@code name} in {@code namespace}; empty until the cache of runs
   * has been filled once, so a config's status is never computed from a partial list.
   */
  public Optional<List<PipelineRun>> of(String namespace, String name) {
    IndexerResourceCache<PipelineRun> cache = runs;
    if (cache == null || !synced(cache)) {
      return Optional.empty();
    }
    // The index holds what the watch delivered; get() also knows the run reconciler's own writes,
    // which woke this config before their watch events arrive.
    return Optional.of(
        cache.byIndex(BY_CONFIG, key(namespace, name)).stream()
            .map(run -> cache.get(ResourceID.fromResource(run)).orElse(run))
            .toList());
  }

  /** Whether a run of that name exists in the cache. */
  public boolean exists(String namespace, String name) {
    IndexerResourceCache<PipelineRun> cache = runs;
    return cache != null && cache.get(new ResourceID(name, namespace)).isPresent();
  }

  /**
   * Called after {@code run}'s status was written as {@code written}: wakes its PipelineConfig when
   * its phase or pending logs changed, the only parts of a run's status a config reads.
   */
  void written(PipelineRun run, PipelineRunStatus written) {
    if (changesWhatConfigsRead(run.getStatus(), written)) {
      wake.propagateEvent(
          new ResourceID(run.getSpec().getPipelineConfigRef(), run.getMetadata().getNamespace()));
    }
  }

  /**
   * Whether a run's status going from {@code before} to {@code after} changes what a config reads:
   * its phase, or whether its logs are still pending (history keeps those). A run's status is
   * written about five times in its life, and its config needs to hear of two or three of them.
   */
  static boolean changesWhatConfigsRead(PipelineRunStatus before, PipelineRunStatus after) {
    return !Objects.equals(readByConfigs(before), readByConfigs(after));
  }

  private static List<Object> readByConfigs(PipelineRunStatus status) {
    return Arrays.asList(
        status == null ? null : status.getPhase(), status != null && LogsArchived.pending(status));
  }

  /** The index key of {@code run}'s config; none when it has no spec, which the schema allows. */
  static List<String> configKeys(PipelineRun run) {
    return run.getSpec() == null
        ? List.of()
        : List.of(key(run.getMetadata().getNamespace(), run.getSpec().getPipelineConfigRef()));
  }

  private static String key(String namespace, String config) {
    return namespace + "/" + config;
  }

  /** Whether the run reconciler's informer has started and filled its cache once. */
  private static boolean synced(IndexerResourceCache<PipelineRun> cache) {
    if (cache instanceof AbstractEventSource<?, ?> source && !source.isRunning()) {
      return false;
    }
    return !(cache instanceof InformerWrappingEventSourceHealthIndicator<?> informers)
        || informers.informerHealthIndicators().values().stream()
            .allMatch(InformerHealthIndicator::hasSynced);
  }
}
