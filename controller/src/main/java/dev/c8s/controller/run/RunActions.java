package dev.c8s.controller.run;

import dev.c8s.controller.job.GitCredentials;
import dev.c8s.model.engine.Decision;
import dev.c8s.model.engine.StepLaunch;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Carries out one pass over a run: what its observed steps need (log followers, stopping a step
 * that ended before its Job, archiving the logs of pods that ended) and the engine's decision
 * (stop, start). Writes nothing into the status; returns what happened.
 */
@ApplicationScoped
class RunActions {
  @Inject StepJobs jobs;
  @Inject StepLogs logs;
  @Inject LogArchives archives;

  /**
   * What the actions came to.
   *
   * @param starts how starting each launched step went, in launch order
   * @param logs what came of archiving logs
   * @param archiving whether logs of the run are still to come (under way, or to be retried)
   */
  record Outcome(Map<String, StepStart> starts, List<LogResult> logs, boolean archiving) {
    boolean waitingForQuota() {
      return starts.values().stream().anyMatch(StepStart.WaitingForQuota.class::isInstance);
    }

    boolean rejected() {
      return starts.values().stream().anyMatch(StepStart.Rejected.class::isInstance);
    }
  }

  /**
   * Applies {@code decision} to the run whose status, with this pass's observations, is {@code
   * observed}.
   */
  Outcome apply(
      PipelineRun run,
      PipelineRunStatus observed,
      RunObservation seen,
      Decision decision,
      Context<PipelineRun> context) {
    List<LogResult> logResults = new ArrayList<>();
    Map<Step, Pod> finished = new LinkedHashMap<>();
    Set<String> stopping = new HashSet<>();
    decision.stop().forEach(stop -> stopping.add(stop.step()));
    for (ObservedStep step : seen.steps()) {
      Step spec = step(observed, step.step());
      logs.follow(run, spec, step.pods());
      if (step.endedBeforeItsJob()) {
        // Keep what the helpers printed, then stop the pod, which would otherwise retry until
        // the step's timeout.
        step.endedPod().flatMap(p -> logs.archiveStopped(run, spec, p)).ifPresent(logResults::add);
        jobs.delete(run, step.step());
      } else if (step.endedPod().isPresent()) {
        finished.put(spec, step.endedPod().get());
      } else if (step.ended()) {
        // Its pod was evicted or deleted: keep what its follower stored while it ran.
        logs.archiveWithoutPodOrDefer(run, step.step()).ifPresent(logResults::add);
      } else if (!stopping.contains(step.step())) {
        // Archived ahead of the Job's end, and held until the step ends (LogArchives#finished).
        step.podEndedBeforeItsJob().ifPresent(pod -> finished.put(spec, pod));
      }
    }
    for (Decision.StepOutcome stop : decision.stop()) {
      stop(run, step(observed, stop.step()), seen).ifPresent(logResults::add);
    }
    Map<String, StepStart> starts = start(run, observed, seen, decision.start(), context);
    // Logs are archived apart from the pass, after the next Jobs exist: neither the pipeline nor
    // the status waits for a log or for object storage.
    // A log archived here replaces one archived ahead of its step's end (a step stopped since).
    logResults.forEach(r -> archives.forget(run, r.step()));
    archives.noted(run, logResults);
    Set<String> handled = new HashSet<>();
    logResults.forEach(r -> handled.add(r.step()));
    finished.forEach(
        (step, pod) -> {
          handled.add(step.getName());
          archives.start(run, step.getName(), () -> logs.archiveOrDefer(run, step, pod));
        });
    List<LogResult> collected = archiveRemaining(run, observed, handled);
    logResults.addAll(collected);
    return new Outcome(
        starts, logResults, archives.outstanding(run, collected, endedSteps(observed)));
  }

  /**
   * The run's archives that finished (kept until the status holds them: {@link
   * LogArchives#written}), and, while its logs are pending, archiving started again for the
   * finished steps' logs that are neither under way, settled nor {@code handled}: refused by object
   * storage, or interrupted by a restart of the controller.
   */
  List<LogResult> archiveRemaining(PipelineRun run, PipelineRunStatus status, Set<String> handled) {
    List<LogResult> results = archives.finished(run, endedSteps(status));
    if (RunStatusBuilder.logsPending(run.getStatus())) {
      Set<String> skip = new HashSet<>(handled);
      results.forEach(r -> skip.add(r.step()));
      skip.addAll(archives.settledWithoutLog(run).keySet());
      for (Step step : awaitingLogs(status, skip)) {
        archives.retry(run, step.getName(), () -> logs.retry(run, step));
      }
    }
    return results;
  }

  /**
   * The steps {@code status} shows ended: only their archives are reported, so a log archived ahead
   * of its step's end shows with that end, never on a step still running.
   */
  static Set<String> endedSteps(PipelineRunStatus status) {
    Set<String> ended = new HashSet<>();
    for (StepStatus step : status.getSteps()) {
      if (step.getPhase() != null && step.getPhase().isTerminal()) {
        ended.add(step.getName());
      }
    }
    return ended;
  }

  /** The steps of {@code status} still waiting for their logs, except {@code handled}. */
  static List<Step> awaitingLogs(PipelineRunStatus status, Set<String> handled) {
    return RunStatusBuilder.awaitingLogs(status).stream()
        .filter(name -> !handled.contains(name))
        .map(name -> step(status, name))
        .toList();
  }

  /** Archives what a step printed until now and deletes its Job. */
  private Optional<LogResult> stop(PipelineRun run, Step step, RunObservation seen) {
    Job job = seen.jobs().get(step.getName());
    if (seen.jobsGone().contains(step.getName())) {
      return logs.archiveWithoutPodOrDefer(run, step.getName());
    }
    Optional<LogResult> log =
        job == null
            ? Optional.empty()
            : jobs.podOf(job).flatMap(pod -> logs.archiveStopped(run, step, pod));
    jobs.delete(run, step.getName());
    return log;
  }

  private Map<String, StepStart> start(
      PipelineRun run,
      PipelineRunStatus observed,
      RunObservation seen,
      List<StepLaunch> launches,
      Context<PipelineRun> context) {
    String namespace = run.getMetadata().getNamespace();
    GitCredentials git =
        launches.isEmpty()
            ? GitCredentials.NONE
            : StepJobs.gitCredentials(
                RunEventSources.connections(context, namespace),
                observed.getPipelineSpec().getRepository());
    Supplier<List<ResourceQuota>> quotas = () -> RunEventSources.quotas(context, namespace);
    Map<String, String> reused = reusedArtifacts(observed);
    Map<String, StepStart> starts = new LinkedHashMap<>();
    for (StepLaunch launch : launches) {
      // A Job the stored status does not know yet (its write failed): observed next pass.
      if (!seen.jobs().containsKey(launch.name())) {
        starts.put(
            launch.name(),
            jobs.start(run, observed.getPipelineSpec(), launch, reused, git, quotas));
      }
    }
    return starts;
  }

  /** Steps reused from an earlier run (a resume) to the run whose artifacts they hand on. */
  private static Map<String, String> reusedArtifacts(PipelineRunStatus status) {
    Map<String, String> reused = new LinkedHashMap<>();
    for (StepStatus step : status.getSteps()) {
      if (step.getReusedFrom() != null) {
        reused.put(step.getName(), step.getReusedFrom());
      }
    }
    return reused;
  }

  static Step step(PipelineRunStatus status, String name) {
    return status.getPipelineSpec().getSteps().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
