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
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The logs of steps: archiving a finished or stopped step's log (from its follower, its pod, or
 * what was stored while it ran), and retrying what object storage refused, noting the outcome in
 * the run's status.
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
  void archiveStopped(PipelineRun run, Step step, Pod pod, RunStatusBuilder status) {
    // A follower ends with the container and then stores the fuller log under the same key.
    follower.forget(pod);
    try {
      archive(run, step, pod, status);
    } catch (RuntimeException e) {
      LOG.warnf(
          "log of stopped step %s of %s/%s not archived: %s",
          step.getName(), run.getMetadata().getNamespace(), run.getMetadata().getName(), e);
    }
  }

  /**
   * As {@link #archive}, but an object store that fails leaves the step without a log URL and the
   * run with a {@code LogsArchived=False} condition instead of failing the reconciliation: the
   * status never waits on object storage.
   */
  void archiveOrDefer(PipelineRun run, Step step, Pod pod, RunStatusBuilder status) {
    try {
      archive(run, step, pod, status);
    } catch (RuntimeException e) {
      LOG.warnf(
          "log of step %s of %s/%s not archived, retrying: %s",
          step.getName(), run.getMetadata().getNamespace(), run.getMetadata().getName(), e);
      status.logsPending(step.getName(), String.valueOf(e.getMessage()));
    }
  }

  /**
   * Records the log of a finished step whose pod is gone (evicted, deleted, its node lost) from
   * what its follower stored; object storage failing leaves it pending, as for a step with a pod.
   * Returns false when nothing of the log was stored.
   */
  boolean archiveWithoutPodOrDefer(PipelineRun run, Step step, RunStatusBuilder status) {
    try {
      Optional<String> url =
          logs.archivedWithoutPod(
              run.getMetadata().getNamespace(), run.getMetadata().getName(), step.getName());
      url.ifPresent(u -> status.logUrl(step.getName(), u));
      return url.isPresent();
    } catch (RuntimeException e) {
      LOG.warnf(
          "log of step %s of %s/%s (pod gone) not archived, retrying: %s",
          step.getName(), run.getMetadata().getNamespace(), run.getMetadata().getName(), e);
      status.logsPending(step.getName(), String.valueOf(e.getMessage()));
      return true;
    }
  }

  /**
   * Tries again to archive the logs of finished steps that object storage refused earlier, from
   * their pods (kept for the Job's TTL); a step whose pod is gone is recorded as lost.
   */
  void retryPendingLogs(PipelineRun run, RunStatusBuilder status, Set<String> archivedNow) {
    String namespace = run.getMetadata().getNamespace();
    for (String name : status.awaitingLogs()) {
      if (archivedNow.contains(name)) {
        continue;
      }
      Step step =
          run.getStatus().getPipelineSpec().getSteps().stream()
              .filter(s -> s.getName().equals(name))
              .findFirst()
              .orElseThrow();
      List<Pod> pods =
          jobs.podsOfJob(namespace, KubernetesNames.jobName(run.getMetadata().getName(), name));
      if (pods.isEmpty()) {
        if (!archiveWithoutPodOrDefer(run, step, status)) {
          status.logsLost(name, "its pod was gone before object storage accepted the log");
        }
      } else {
        archiveOrDefer(run, step, pods.get(0), status);
      }
    }
    status.logsSettled();
  }

  /** Stores a finished step's masked log and notes its uploaded artifacts in the status. */
  void archive(PipelineRun run, Step step, Pod pod, RunStatusBuilder status) {
    String namespace = run.getMetadata().getNamespace();
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
        .ifPresent(url -> status.logUrl(step.getName(), url));
    if (step.getArtifacts() != null && !step.getArtifacts().isEmpty()) {
      transfers
          .archived(namespace, run.getMetadata().getName(), step.getName())
          .ifPresent(url -> status.artifactUrls(step.getName(), List.of(url)));
    }
  }
}
