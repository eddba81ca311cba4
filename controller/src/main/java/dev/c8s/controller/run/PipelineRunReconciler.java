package dev.c8s.controller.run;

import dev.c8s.controller.job.GitCredentials;
import dev.c8s.controller.job.KubernetesNames;
import dev.c8s.controller.job.StepJobFactory;
import dev.c8s.controller.metrics.RunMetrics;
import dev.c8s.model.engine.Decision;
import dev.c8s.model.engine.EngineInput;
import dev.c8s.model.engine.PipelineEngine;
import dev.c8s.model.engine.RunReason;
import dev.c8s.model.engine.StepLaunch;
import dev.c8s.model.engine.StepReason;
import dev.c8s.model.engine.StepState;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import dev.c8s.model.validation.PipelineConfigValidator;
import dev.c8s.model.validation.ValidationResult;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs a PipelineRun: asks the engine what to do and applies exactly that with step Jobs, then
 * writes status through {@link RunStatusBuilder}. Nothing here decides order.
 */
@ControllerConfiguration(name = "pipelinerun")
public class PipelineRunReconciler implements Reconciler<PipelineRun> {

  @Inject StepJobs jobs;
  @Inject StepLogs logs;
  @Inject Clock clock;
  @Inject RunMetrics metrics;

  @Override
  public List<EventSource<?, PipelineRun>> prepareEventSources(
      EventSourceContext<PipelineRun> context) {
    metrics.countFrom(() -> context.getPrimaryCache().list());
    return RunEventSources.create(context);
  }

  @Override
  public UpdateControl<PipelineRun> reconcile(PipelineRun run, Context<PipelineRun> context) {
    return metrics.timeReconcile("pipelinerun", () -> reconcileTimed(run, context));
  }

  private UpdateControl<PipelineRun> reconcileTimed(PipelineRun run, Context<PipelineRun> context) {
    Instant now = clock.instant();
    if (run.getStatus() != null
        && run.getStatus().getPhase() != null
        && run.getStatus().getPhase().isTerminal()) {
      // A finished run changes no more, except for logs that object storage refused earlier.
      if (!RunStatusBuilder.logsPending(run.getStatus())) {
        RunLabels.keep(run, run.getStatus().getPhase(), context);
        return UpdateControl.noUpdate();
      }
      RunStatusBuilder status = new RunStatusBuilder(run, now);
      logs.retryPendingLogs(run, status, Set.of());
      return retryLogsLater(write(run, status, context), status, now);
    }
    RunStatusBuilder status = new RunStatusBuilder(run, now).reconciled();
    if (run.getStatus() == null || run.getStatus().getPipelineSpec() == null) {
      Optional<String> problem = snapshot(run, status);
      if (problem.isPresent()) {
        return write(run, status, context);
      }
    }
    Map<String, Job> existing =
        context.getSecondaryResources(Job.class).stream()
            .filter(j -> j.getMetadata().getAnnotations() != null)
            // The cache maps Jobs to runs by owner name: an earlier run of the same name is not us.
            .filter(j -> StepJobs.ownedBy(j, run))
            .collect(
                Collectors.toMap(
                    j -> j.getMetadata().getAnnotations().get(StepJobFactory.STEP_ANNOTATION),
                    j -> j,
                    (a, b) -> a));
    PipelineRunStatus current = status.build();
    Map<Step, Pod> finishedPods = new LinkedHashMap<>();
    for (Step step : current.getPipelineSpec().getSteps()) {
      Job job = existing.get(step.getName());
      if (job != null && !status.finished(step.getName())) {
        Optional<Pod> pod =
            jobs.observe(job, step, RunEventSources.pods(context, job), status)
                .filter(p -> status.finished(step.getName()));
        if (status.finished(step.getName()) && !StepObservation.finished(job)) {
          // Ended early (an image that cannot be pulled): keep what the helpers printed, then
          // stop the pod, which would otherwise retry until the step's timeout.
          pod.ifPresent(p -> logs.archiveStopped(run, step, p, status));
          jobs.delete(run, step.getName());
        } else if (pod.isPresent()) {
          finishedPods.put(step, pod.get());
        } else if (status.finished(step.getName())) {
          // Its pod was evicted or deleted: keep what its follower stored while it ran.
          logs.archiveWithoutPodOrDefer(run, step, status);
        }
      }
    }

    Decision decision = decide(run, current, now);
    // A running step without a Job was deleted by someone, unless the engine stops it now anyway
    // (a pass that deleted it for a cancel or timeout may have failed before writing that down).
    Set<String> stopping =
        decision.stop().stream().map(Decision.StepOutcome::step).collect(Collectors.toSet());
    boolean lost = false;
    for (StepStatus step : current.getSteps()) {
      if (step.getPhase() == StepPhase.Running
          && !existing.containsKey(step.getName())
          && !stopping.contains(step.getName())
          && jobs.deleted(run, step.getName())) {
        status.jobDeleted(step.getName());
        lost = true;
      }
    }
    if (lost) {
      decision = decide(run, current, now);
    }
    for (Decision.StepOutcome stop : decision.stop()) {
      Job job = existing.get(stop.step());
      if (job != null) {
        // What the step printed until it was stopped; the pod is gone once its Job is deleted.
        jobs.podOf(job)
            .ifPresent(pod -> logs.archiveStopped(run, step(current, stop.step()), pod, status));
      }
      jobs.delete(run, stop.step());
    }
    status.ended(decision.stop()).ended(decision.skip());

    boolean waitingForQuota = false;
    boolean rejected = false;
    GitCredentials git =
        decision.start().isEmpty()
            ? GitCredentials.NONE
            : StepJobs.gitCredentials(
                RunEventSources.connections(context, run.getMetadata().getNamespace()),
                current.getPipelineSpec().getRepository());
    Supplier<List<ResourceQuota>> quotas =
        () -> RunEventSources.quotas(context, run.getMetadata().getNamespace());
    for (StepLaunch launch : decision.start()) {
      if (existing.containsKey(launch.name())) {
        continue;
      }
      switch (jobs.start(run, current.getPipelineSpec(), launch, git, quotas)) {
        case StepStart.WaitingForQuota w -> {
          waitingForQuota = true;
          status.waiting(
              launch.name(), StepReason.WaitingForQuota, "Waiting for quota: " + w.shortage());
        }
        case StepStart.Rejected r -> {
          rejected = true;
          status.rejected(launch.name(), r.answer());
        }
        case StepStart.Started s ->
            status.started(
                launch.name(), KubernetesNames.jobName(run.getMetadata().getName(), launch.name()));
      }
    }
    // Archiving comes after the next Jobs are created, so log size never delays the pipeline, and
    // an object store that fails never keeps the status from being written.
    if (RunStatusBuilder.logsPending(run.getStatus())) {
      logs.retryPendingLogs(
          run,
          status,
          finishedPods.keySet().stream().map(Step::getName).collect(Collectors.toSet()));
    }
    finishedPods.forEach((step, pod) -> logs.archiveOrDefer(run, step, pod, status));
    boolean anyRunning =
        status.build().getSteps().stream().anyMatch(s -> s.getPhase() == StepPhase.Running);
    if (decision.phase() == RunPhase.Running && !anyRunning && waitingForQuota) {
      status.phase(RunPhase.Pending, RunReason.Pending, "Steps are waiting for quota");
    } else {
      status.phase(decision.phase(), decision.reason(), decision.message());
    }
    UpdateControl<PipelineRun> control = retryLogsLater(write(run, status, context), status, now);
    if (rejected) {
      // The engine decides what a failed step means (skips, clean-up steps) in the next pass.
      return control.rescheduleAfter(Duration.ofMillis(100));
    }
    if (waitingForQuota) {
      return control.rescheduleAfter(jobs.quotaRecheck());
    }
    return decision
        .recheckAt()
        .map(at -> control.rescheduleAfter(Duration.between(now, at).plusMillis(100)))
        .orElse(control);
  }

  /**
   * Comes back for logs object storage refused: after 5 s, then a quarter of the outage so far, at
   * most every minute.
   */
  private static UpdateControl<PipelineRun> retryLogsLater(
      UpdateControl<PipelineRun> control, RunStatusBuilder status, Instant now) {
    PipelineRunStatus current = status.build();
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
    RunStatusBuilder status =
        new RunStatusBuilder(run, clock.instant())
            .reconcileFailed(ReconcileFailureReason.of(e), ReconcileFailureReason.message(e));
    if (!status.changed()) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    return ErrorStatusUpdateControl.patchStatus(statusPatch(run, status));
  }

  /** Takes the PipelineConfig's spec into the run; empty when the run can proceed. */
  private Optional<String> snapshot(PipelineRun run, RunStatusBuilder status) {
    String ref = run.getSpec().getPipelineConfigRef();
    PipelineConfig config = jobs.pipelineConfig(run.getMetadata().getNamespace(), ref);
    if (config == null || config.getSpec() == null) {
      String message =
          "PipelineConfig \""
              + ref
              + "\" does not exist in namespace "
              + run.getMetadata().getNamespace()
              + "; create it and start a new run";
      status.phase(RunPhase.Failed, RunReason.PipelineConfigNotFound, message);
      return Optional.of(message);
    }
    ValidationResult validation = new PipelineConfigValidator().validate(config);
    if (!validation.isValid()) {
      String message =
          "PipelineConfig \""
              + ref
              + "\" is invalid: "
              + validation.errors().stream()
                  .limit(5)
                  .map(Object::toString)
                  .collect(Collectors.joining("; "));
      status.phase(RunPhase.Failed, RunReason.InvalidPipeline, message);
      return Optional.of(message);
    }
    status.start(config.getSpec());
    return Optional.empty();
  }

  private static Decision decide(PipelineRun run, PipelineRunStatus current, Instant now) {
    return PipelineEngine.decide(
        new EngineInput(
            current.getPipelineSpec(),
            run.getSpec(),
            current.getPhase(),
            current.getStartTime(),
            states(current),
            now));
  }

  private static Step step(PipelineRunStatus status, String name) {
    return status.getPipelineSpec().getSteps().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow();
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
    PipelineRunStatus written = status.build();
    if (status.changed()) {
      // The same server-side apply UpdateControl.patchStatus makes; it also caches the answer and
      // keeps this write from triggering another pass.
      context.resourceOperations().serverSideApplyPrimaryStatus(statusPatch(run, status));
      String created = run.getMetadata().getCreationTimestamp();
      metrics.transition(
          run.getMetadata().getUid(),
          created == null ? null : Instant.parse(created),
          run.getStatus(),
          written);
    }
    // After the status, so the phase label never runs ahead of the phase.
    RunLabels.keep(run, written.getPhase(), context);
    return UpdateControl.noUpdate();
  }

  private static PipelineRun statusPatch(PipelineRun run, RunStatusBuilder status) {
    PipelineRun patch = new PipelineRun();
    patch.setMetadata(new ObjectMetaBuilder(run.getMetadata()).build());
    // Server-side apply refuses an object that carries managedFields.
    patch.getMetadata().setManagedFields(null);
    patch.setStatus(status.build());
    return patch;
  }
}
