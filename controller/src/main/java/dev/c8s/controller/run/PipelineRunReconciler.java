package dev.c8s.controller.run;

import dev.c8s.controller.config.ControllerSettings;
import dev.c8s.controller.forge.CommitStatusReporter;
import dev.c8s.controller.job.KubernetesNames;
import dev.c8s.controller.metrics.RunMetrics;
import dev.c8s.model.engine.Decision;
import dev.c8s.model.engine.EngineInput;
import dev.c8s.model.engine.PipelineEngine;
import dev.c8s.model.engine.StepReason;
import dev.c8s.model.engine.StepState;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs a PipelineRun, one pass at a time: start it ({@link RunStart}), observe its Jobs ({@link
 * RunObserver}), let the engine decide, act on the decision ({@link RunActions}), report through
 * {@link RunStatusBuilder} and {@link ReportedPhase}. Nothing here decides order.
 */
@ControllerConfiguration(
    name = "pipelinerun",
    informer =
        @Informer(itemStore = RunItemStore.class, informerListLimit = CachePruning.LIST_LIMIT))
public class PipelineRunReconciler implements Reconciler<PipelineRun> {
  /** MDC field naming the run's namespace on every log line of its reconciliation. */
  public static final String NAMESPACE_FIELD = "namespace";

  /** MDC field naming the run on every log line of its reconciliation. */
  public static final String RUN_FIELD = "run";

  private static final Logger LOG = Logger.getLogger(PipelineRunReconciler.class);

  @Inject RunObserver observer;
  @Inject RunActions actions;
  @Inject LogArchives archives;
  @Inject RunsOfConfigs runsOfConfigs;
  @Inject Clock clock;
  @Inject ControllerSettings settings;
  @Inject RunMetrics metrics;
  @Inject CommitStatusReporter commitStatus;
  @Inject RunQueue queue;
  @Inject RunStart starts;
  @Inject RunLabels labels;

  @Override
  public List<EventSource<?, PipelineRun>> prepareEventSources(
      EventSourceContext<PipelineRun> context) {
    metrics.countFrom(() -> context.getPrimaryCache().list());
    commitStatus.runsFrom(context.getPrimaryCache());
    runsOfConfigs.from(context.getPrimaryCache());
    List<EventSource<?, PipelineRun>> sources = new ArrayList<>(RunEventSources.create(context));
    sources.add(archives.eventSource());
    sources.add(queue.eventSource());
    return sources;
  }

  @Override
  public UpdateControl<PipelineRun> reconcile(PipelineRun run, Context<PipelineRun> context) {
    // Every log line of this pass names the run (mdc.namespace, mdc.run in JSON logs).
    MDC.put(NAMESPACE_FIELD, run.getMetadata().getNamespace());
    MDC.put(RUN_FIELD, run.getMetadata().getName());
    try {
      return metrics.timeReconcile("pipelinerun", () -> reconcileTimed(run, context));
    } finally {
      MDC.remove(NAMESPACE_FIELD);
      MDC.remove(RUN_FIELD);
    }
  }

  /** Observe → decide → act → report; a finished run only retries logs storage refused. */
  private UpdateControl<PipelineRun> reconcileTimed(PipelineRun run, Context<PipelineRun> context) {
    Instant now = clock.instant();
    if (run.getStatus() != null
        && run.getStatus().getPhase() != null
        && run.getStatus().getPhase().isTerminal()) {
      return retryFinishedRunsLogs(run, context, now);
    }
    RunStatusBuilder status = new RunStatusBuilder(run, now).reconciled();
    boolean notStarted = run.getStatus() == null || run.getStatus().getPipelineSpec() == null;
    if (notStarted) {
      RunStart.Outcome start = starts.start(run, status, context);
      if (start != RunStart.Outcome.STARTED) {
        UpdateControl<PipelineRun> written = write(run, status, context);
        return start == RunStart.Outcome.QUEUED
            ? written.rescheduleAfter(RunQueue.RECHECK)
            : written;
      }
    }
    // Observe: Jobs, pods and Jobs gone, recorded as the steps' states.
    // The status as it stands, not a copy: the observer only reads it.
    RunObservation seen = observer.observe(run, status.view(), context);
    seen.steps().forEach(status::observed);
    PipelineRunStatus observed = status.build();
    // Decide, once, from everything observed.
    Decision decision = decide(run, observed, seen.jobsGone(), now);
    // Act: stop, start, archive.
    RunActions.Outcome acted = actions.apply(run, observed, seen, decision, context);
    // Report.
    status.ended(decision.stop()).ended(decision.skip());
    acted.starts().forEach((step, start) -> status.started(step, jobName(run, step), start));
    acted.logs().forEach(status::log);
    boolean settled = settleLogs(status, acted.archiving(), archives.settledWithoutLog(run));
    ReportedPhase.report(status, decision, acted, run);
    UpdateControl<PipelineRun> written = write(run, status, context);
    archives.written(run, acted.logs(), settled);
    return reschedule(retryLogsLater(written, status, now), decision, acted, now);
  }

  /** A finished run changes no more, except for logs that object storage refused earlier. */
  private UpdateControl<PipelineRun> retryFinishedRunsLogs(
      PipelineRun run, Context<PipelineRun> context, Instant now) {
    if (!RunStatusBuilder.logsPending(run.getStatus())) {
      labels.keep(run, run.getStatus().getPhase(), context);
      reportCommitStatus(run, run.getStatus(), context);
      return UpdateControl.noUpdate();
    }
    RunStatusBuilder status = new RunStatusBuilder(run, now);
    List<LogResult> collected = actions.archiveRemaining(run, run.getStatus(), Set.of());
    collected.forEach(status::log);
    boolean settled =
        settleLogs(
            status,
            archives.outstanding(run, collected, RunActions.endedSteps(run.getStatus())),
            archives.settledWithoutLog(run));
    UpdateControl<PipelineRun> written = write(run, status, context);
    archives.written(run, collected, settled);
    return retryLogsLater(written, status, now);
  }

  /** Marks logs still to come, or settled; true when nothing of them is pending any more. */
  private static boolean settleLogs(
      RunStatusBuilder status, boolean outstanding, Map<String, String> settledWithoutLog) {
    if (outstanding) {
      status.archiving();
      return false;
    }
    status.logsSettled(settledWithoutLog);
    return !RunStatusBuilder.logsPending(status.view());
  }

  /** When to come back: soon after a refused Job, at the quota recheck, or at the next deadline. */
  private UpdateControl<PipelineRun> reschedule(
      UpdateControl<PipelineRun> control,
      Decision decision,
      RunActions.Outcome acted,
      Instant now) {
    if (acted.rejected()) {
      // The engine decides what a failed step means (skips, clean-up steps) in the next pass.
      return sooner(control, Duration.ofMillis(100));
    }
    if (acted.waitingForQuota()) {
      return sooner(control, settings.quotaRecheck());
    }
    return decision
        .recheckAt()
        .map(at -> sooner(control, Duration.between(now, at).plusMillis(100)))
        .orElse(control);
  }

  /** Comes back after {@code delay}, or sooner if already asked (a retry of refused logs). */
  private static UpdateControl<PipelineRun> sooner(
      UpdateControl<PipelineRun> control, Duration delay) {
    return control
        .getScheduleDelay()
        .filter(asked -> asked <= delay.toMillis())
        .map(asked -> control)
        .orElseGet(() -> control.rescheduleAfter(delay));
  }

  private static String jobName(PipelineRun run, String step) {
    return KubernetesNames.jobName(run.getMetadata().getName(), step);
  }

  /**
   * Comes back for logs object storage refused: after 5 s, then a quarter of the outage so far, at
   * most every minute.
   */
  private static UpdateControl<PipelineRun> retryLogsLater(
      UpdateControl<PipelineRun> control, RunStatusBuilder status, Instant now) {
    PipelineRunStatus current = status.view();
    if (!RunStatusBuilder.logsPending(current)) {
      return control;
    }
    Instant since =
        current.getConditions().stream()
            .filter(c -> RunStatusBuilder.LOGS_ARCHIVED.equals(c.getType()))
            .map(c -> c.getLastTransitionTime())
            .findFirst()
            .orElse(now);
    Duration outage = Duration.between(since, now);
    Duration wait = outage.dividedBy(4);
    wait = wait.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : wait;
    wait = wait.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : wait;
    return control.rescheduleAfter(wait);
  }

  /**
   * A failed reconciliation (the API server or object store failing) is retried with back-off; the
   * run keeps its phase and shows why it is stuck in a {@code ReconcileFailure} condition.
   */
  @Override
  public ErrorStatusUpdateControl<PipelineRun> updateErrorStatus(
      PipelineRun run, Context<PipelineRun> context, Exception e) {
    // The run as the cache holds it now, with what the failed pass wrote before it failed; the
    // resource version makes the write fail rather than put back what another write changed.
    PipelineRun latest = context.getPrimaryCache().get(ResourceID.fromResource(run)).orElse(run);
    RunStatusBuilder status =
        new RunStatusBuilder(latest, clock.instant())
            .reconcileFailed(ReconcileFailureReason.of(e), ReconcileFailureReason.message(e));
    try {
      patchStatus(
          latest,
          status.build(),
          context,
          Map.of(
              "uid", latest.getMetadata().getUid(),
              "resourceVersion", latest.getMetadata().getResourceVersion()));
    } catch (RuntimeException notWritten) {
      LOG.warnf(
          "run %s/%s: could not record the failed reconciliation (%s); it is retried",
          run.getMetadata().getNamespace(), run.getMetadata().getName(), notWritten.getMessage());
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  private static Decision decide(
      PipelineRun run, PipelineRunStatus current, Set<String> jobsGone, Instant now) {
    return PipelineEngine.decide(
        new EngineInput(
            current.getPipelineSpec(),
            run.getSpec(),
            current.getPhase(),
            current.getStartTime(),
            states(current),
            now,
            jobsGone));
  }

  private static Map<String, StepState> states(PipelineRunStatus status) {
    Map<String, StepState> states = new HashMap<>();
    for (StepStatus step : status.getSteps()) {
      StepReason reason = null;
      if (step.getReason() != null) {
        try {
          reason = StepReason.valueOf(step.getReason());
        } catch (IllegalArgumentException unknown) {
          reason = null;
        }
      }
      states.put(step.getName(), new StepState(step.getPhase(), reason, step.getStartTime()));
    }
    return states;
  }

  /**
   * Writes the status now rather than through {@link UpdateControl#patchStatus}, so the metrics
   * count only what the API server accepted: a refused patch throws before anything is counted.
   */
  private UpdateControl<PipelineRun> write(
      PipelineRun run, RunStatusBuilder status, Context<PipelineRun> context) {
    PipelineRunStatus written = status.finish();
    if (patchStatus(run, written, context, Map.of("uid", run.getMetadata().getUid()))) {
      runsOfConfigs.written(run, written);
      String created = run.getMetadata().getCreationTimestamp();
      metrics.transition(
          run.getMetadata().getUid(),
          created == null ? null : Instant.parse(created),
          run.getStatus(),
          written);
      RunPhase was = run.getStatus() == null ? null : run.getStatus().getPhase();
      if (written.getPhase() != was) {
        LOG.infof(
            "run %s/%s: %s -> %s",
            run.getMetadata().getNamespace(),
            run.getMetadata().getName(),
            was == null ? "new" : was,
            written.getPhase());
      }
    }
    RunPhase before = run.getStatus() == null ? null : run.getStatus().getPhase();
    if (written.getPhase() != null
        && written.getPhase().isTerminal()
        && (before == null || !before.isTerminal())) {
      queue.released(run);
    }
    // After the status, so the phase label never runs ahead of the phase.
    labels.keep(run, written.getPhase(), context);
    reportCommitStatus(run, written, context);
    return UpdateControl.noUpdate();
  }

  /** Hands the provider's view of the run to the reporter, which sends it apart from this pass. */
  private void reportCommitStatus(
      PipelineRun run, PipelineRunStatus status, Context<PipelineRun> context) {
    commitStatus.offer(
        run, status, RunEventSources.connections(context, run.getMetadata().getNamespace()));
  }

  /**
   * Writes what changed of the status as a merge patch, if anything did, under {@code
   * preconditions} ({@link StatusMergePatch#of}); the answer goes to the cache, and this write
   * starts no pass of its own.
   */
  private static boolean patchStatus(
      PipelineRun run,
      PipelineRunStatus written,
      Context<PipelineRun> context,
      Map<String, String> preconditions) {
    Optional<String> changes = StatusMergePatch.of(run.getStatus(), written, preconditions);
    changes.ifPresent(
        patch ->
            context
                .resourceOperations()
                .resourcePatch(
                    run,
                    r ->
                        context
                            .getClient()
                            .resource(r)
                            .subresource("status")
                            .patch(PatchContext.of(PatchType.JSON_MERGE), patch),
                    context.eventSourceRetriever().getControllerEventSource()));
    return changes.isPresent();
  }
}
