package dev.c8s.controller.run;

import dev.c8s.controller.artifacts.ArtifactTransfers;
import dev.c8s.controller.job.KubernetesNames;
import dev.c8s.controller.logs.LogArchiver;
import dev.c8s.controller.logs.StepLogFollower;
import dev.c8s.controller.logs.StepSecretValues;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.Step;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The logs of steps: archiving a finished or stopped step's log (from its follower, its pod, or
 * what was stored while it ran), retrying what object storage refused, and following running steps'
 * logs; each archive returns its {@link LogResult} for the status.
 */
@ApplicationScoped
public class StepLogs {
  private static final Logger LOG = Logger.getLogger(StepLogs.class);

  /** How long a finished step's log follower may take to store the last of the log. */
  private static final Duration FOLLOWER_WAIT = Duration.ofSeconds(60);

  @Inject StepJobs jobs;
  @Inject LogArchiver logs;
  @Inject StepLogFollower follower;
  @Inject ArtifactTransfers transfers;
  @Inject StepSecretValues secretValues;

  /**
   * Archives what a step printed before the controller stops it; a failing archive is logged, never
   * allowed to keep a cancel or timeout from stopping the step.
   */
  Optional<LogResult> archiveStopped(PipelineRun run, Step step, Pod pod) {
    // A follower ends with the container and then stores the fuller log under the same key.
    follower.forget(pod);
    try {
      return Optional.of(archive(run, step, pod));
    } catch (RuntimeException e) {
      LOG.warnf(
          "log of stopped step %s of %s/%s not archived: %s",
          step.getName(), run.getMetadata().getNamespace(), run.getMetadata().getName(), e);
      return Optional.empty();
    }
  }

  /**
   * As {@link #archive}, but an object store that fails defers the log (the step keeps no log URL,
   * the run gets {@code LogsArchived=False}) instead of failing the reconciliation: the status
   * never waits on object storage.
   */
  LogResult archiveOrDefer(PipelineRun run, Step step, Pod pod) {
    try {
      return archive(run, step, pod);
    } catch (RuntimeException e) {
      LOG.warnf(
          "log of step %s of %s/%s not archived, retrying: %s",
          step.getName(), run.getMetadata().getNamespace(), run.getMetadata().getName(), e);
      return new LogResult.Deferred(step.getName(), String.valueOf(e.getMessage()));
    }
  }

  /**
   * The log of a finished step whose pod is gone (evicted, deleted, its node lost), from what its
   * follower stored; object storage failing defers it, as for a step with a pod. Empty when nothing
   * of the log was stored.
   */
  Optional<LogResult> archiveWithoutPodOrDefer(PipelineRun run, String step) {
    try {
      return logs.archivedWithoutPod(
              run.getMetadata().getNamespace(), run.getMetadata().getName(), step)
          .map(url -> new LogResult.Archived(step, url, null));
    } catch (RuntimeException e) {
      LOG.warnf(
          "log of step %s of %s/%s (pod gone) not archived, retrying: %s",
          step, run.getMetadata().getNamespace(), run.getMetadata().getName(), e);
      return Optional.of(new LogResult.Deferred(step, String.valueOf(e.getMessage())));
    }
  }

  /**
   * Tries again to archive the log of the finished {@code step} that was refused or interrupted
   * earlier, from its pod (kept for the Job's TTL); a step whose pod is gone and left nothing
   * stored is lost.
   */
  LogResult retry(PipelineRun run, Step step) {
    String name = step.getName();
    // A log stored whole before (by its follower, or a pass whose status write failed) is kept:
    // the pod's log may have been rotated since and would give a shorter copy.
    Optional<String> stored;
    try {
      stored = logs.stored(run.getMetadata().getNamespace(), run.getMetadata().getName(), name);
    } catch (RuntimeException e) {
      return new LogResult.Deferred(name, String.valueOf(e.getMessage()));
    }
    if (stored.isPresent()) {
      return new LogResult.Archived(name, stored.get(), artifactUrl(run, step));
    }
    List<Pod> pods =
        jobs.podsOfJob(
            run.getMetadata().getNamespace(),
            KubernetesNames.jobName(run.getMetadata().getName(), name));
    if (pods.isEmpty()) {
      return archiveWithoutPodOrDefer(run, name)
          .orElseGet(
              () ->
                  new LogResult.Lost(
                      name, "its pod was gone before object storage accepted the log"));
    }
    return archiveOrDefer(run, step, pods.get(0));
  }

  /** Stores a finished step's masked log; the result also carries its uploaded artifacts. */
  LogResult archive(PipelineRun run, Step step, Pod pod) {
    String namespace = run.getMetadata().getNamespace();
    String logUrl =
        follower
            .finished(pod, FOLLOWER_WAIT)
            .or(
                () ->
                    logs.archive(
                        namespace,
                        run.getMetadata().getName(),
                        step.getName(),
                        pod,
                        secretValues.of(namespace, step)))
            .orElse(null);
    return new LogResult.Archived(step.getName(), logUrl, artifactUrl(run, step));
  }

  private String artifactUrl(PipelineRun run, Step step) {
    return step.getArtifacts() == null || step.getArtifacts().isEmpty()
        ? null
        : transfers
            .archived(run.getMetadata().getNamespace(), run.getMetadata().getName(), step.getName())
            .orElse(null);
  }

  /** Follows the log of each of the step's pods that runs, masked with the step's secrets. */
  void follow(PipelineRun run, Step step, List<Pod> pods) {
    String namespace = run.getMetadata().getNamespace();
    for (Pod pod : pods) {
      follower.followIfRunning(
          namespace,
          run.getMetadata().getName(),
          step.getName(),
          pod,
          () -> secretValues.of(namespace, step));
    }
  }
}
