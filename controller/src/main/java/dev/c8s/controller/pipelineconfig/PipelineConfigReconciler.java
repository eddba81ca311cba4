package dev.c8s.controller.pipelineconfig;

import dev.c8s.controller.config.ClientSerialization;
import dev.c8s.controller.run.RunsOfConfigs;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigStatus;
import dev.c8s.model.v1alpha1.PipelineRun;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps {@code PipelineConfig.status} (lastRun, totalRuns, successRate) in step with its runs,
 * deletes the finished runs beyond the pipeline's {@code historyLimit}, and starts the runs of its
 * schedule.
 */
@ControllerConfiguration(name = "pipelineconfig")
public class PipelineConfigReconciler implements Reconciler<PipelineConfig> {
  private static final KubernetesSerialization JSON = ClientSerialization.standalone();
  private static final Logger LOG = Logger.getLogger(PipelineConfigReconciler.class);

  /** How long a pass waits for the cache of runs to be filled after the controller started. */
  private static final Duration RUNS_NOT_CACHED_YET = Duration.ofSeconds(1);

  /** When a run that changed as it was to be deleted for the history limit is looked at again. */
  private static final Duration PRUNE_AGAIN_AFTER = Duration.ofSeconds(5);

  private final ScheduledRuns scheduledRuns;
  private final RunsOfConfigs runs;
  private final Clock clock;
  private final ConfigPassPacing pacing = new ConfigPassPacing();

  PipelineConfigReconciler(ScheduledRuns scheduledRuns, RunsOfConfigs runs, Clock clock) {
    this.scheduledRuns = scheduledRuns;
    this.runs = runs;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, PipelineConfig>> prepareEventSources(
      EventSourceContext<PipelineConfig> context) {
    // The run reconciler's cache of runs, not one of its own (decision 0076).
    return List.of(runs.eventSource());
  }

  @Override
  public UpdateControl<PipelineConfig> reconcile(
      PipelineConfig config, Context<PipelineConfig> context) {
    ResourceID id = ResourceID.fromResource(config);
    Optional<Duration> paced = pacing.waitBeforePass(id);
    if (paced.isPresent()) {
      return UpdateControl.<PipelineConfig>noUpdate().rescheduleAfter(paced.get());
    }
    String namespace = config.getMetadata().getNamespace();
    Optional<List<PipelineRun>> cached = runs.of(namespace, config.getMetadata().getName());
    if (cached.isEmpty()) {
      return UpdateControl.<PipelineConfig>noUpdate().rescheduleAfter(RUNS_NOT_CACHED_YET);
    }
    pacing.passing(id);
    List<PipelineRun> mine = cached.get();
    List<PipelineRun> pruned = RunHistory.beyondLimit(mine, RunHistory.limitOf(config));
    boolean pruneAgain = false;
    Set<String> prunedNames = new HashSet<>();
    for (PipelineRun run : pruned) {
      pruneAgain |= !delete(run, context);
      prunedNames.add(run.getMetadata().getName());
    }
    List<PipelineRun> kept =
        mine.stream().filter(r -> !prunedNames.contains(r.getMetadata().getName())).toList();
    PipelineConfigStatus status = RunStatistics.of(kept);
    ConfigSchedule.Result schedule =
        ConfigSchedule.reconcile(
            config, clock.instant(), scheduledRuns, name -> runs.exists(namespace, name));
    status.setSchedule(schedule.status());
    status.setConditions(schedule.condition() == null ? null : List.of(schedule.condition()));
    UpdateControl<PipelineConfig> control;
    Duration wakeUp = schedule.wakeUp();
    if (pruneAgain && (wakeUp == null || wakeUp.compareTo(PRUNE_AGAIN_AFTER) > 0)) {
      wakeUp = PRUNE_AGAIN_AFTER;
    }
    if (config.getStatus() != null && JSON.asJson(config.getStatus()).equals(JSON.asJson(status))) {
      control = UpdateControl.noUpdate();
    } else {
      PipelineConfig patch = new PipelineConfig();
      patch.setMetadata(config.getMetadata());
      patch.setStatus(status);
      control = UpdateControl.patchStatus(patch);
    }
    return wakeUp == null ? control : control.rescheduleAfter(wakeUp);
  }

  /**
   * Deletes {@code run} as it was read; false when it changed meanwhile (409), so a pass soon after
   * looks at it again (a run's change wakes its config only when its phase or logs change). One
   * already gone (404) is deleted.
   */
  private static boolean delete(PipelineRun run, Context<PipelineConfig> context) {
    LOG.infof(
        "deleting PipelineRun %s/%s: beyond the history limit of PipelineConfig %s",
        run.getMetadata().getNamespace(),
        run.getMetadata().getName(),
        run.getSpec().getPipelineConfigRef());
    try {
      context
          .getClient()
          .resource(run)
          // Its Jobs go too: the garbage collector deletes a deleted run's dependents.
          .lockResourceVersion(run.getMetadata().getResourceVersion())
          .delete();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409 && e.getCode() != 404) {
        throw e;
      }
      return e.getCode() == 404;
    }
  }
}
