package dev.c8s.controller.run;

import dev.c8s.controller.artifacts.ArtifactTransfers;
import dev.c8s.controller.config.ControllerSettings;
import dev.c8s.controller.job.GitCredentials;
import dev.c8s.controller.job.JobSettings;
import dev.c8s.controller.job.KubernetesNames;
import dev.c8s.controller.job.KueueAdmission;
import dev.c8s.controller.job.StepJobFactory;
import dev.c8s.controller.repository.RepositoryConnections;
import dev.c8s.model.engine.StepDefaults;
import dev.c8s.model.engine.StepLaunch;
import dev.c8s.model.kubernetes.ApiAnswers;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.Step;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Kubernetes side of steps: creating, observing and deleting their Jobs ({@link StepLogs} keeps
 * their logs); each returns what happened and leaves the status to the reconciler.
 */
@ApplicationScoped
public class StepJobs {
  private static final int NOT_FOUND = 404;
  private static final int FORBIDDEN = 403;
  private static final int BAD_REQUEST = 400;
  private static final int UNPROCESSABLE = 422;

  @Inject KubernetesClient client;
  @Inject ControllerSettings settings;
  @Inject ArtifactTransfers transfers;
  @Inject QuotaReservations reservations;
  @Inject Clock clock;

  PipelineConfig pipelineConfig(String namespace, String name) {
    return client.resources(PipelineConfig.class).inNamespace(namespace).withName(name).get();
  }

  /** What a step's Job and its pods say now. */
  ObservedStep observe(Job job, Step step, List<Pod> cachedPods) {
    reservations.observed(job);
    boolean jobFinished = StepObservation.finished(job);
    // A finished Job's exit code comes from its cached pod when the cache has seen the step
    // container end; only a cache that lags behind the Job costs a read from the API server.
    List<Pod> pods =
        jobFinished && !StepObservation.stepEnded(cachedPods) ? podsOf(job) : cachedPods;
    return new ObservedStep(
        step.getName(),
        job.getMetadata().getName(),
        StepObservation.of(job, pods, clock.instant()),
        jobFinished,
        pods);
  }

  /** The pod a step's Job created, if it still exists (running or finished). */
  Optional<Pod> podOf(Job job) {
    return podsOf(job).stream().findFirst();
  }

  /** Whether {@code job}'s owner is this very run (same UID), not an earlier run of its name. */
  static boolean ownedBy(Job job, PipelineRun run) {
    return job.getMetadata().getOwnerReferences() != null
        && job.getMetadata().getOwnerReferences().stream()
            .anyMatch(o -> run.getMetadata().getUid().equals(o.getUid()));
  }

  /**
   * Creates the step's Job unless it exists; returns the quota shortage instead when the step does
   * not fit the namespace's ResourceQuota right now. In a namespace with quotas, the check counts
   * the pods of Jobs created moments ago that the cached quota does not count yet, and reserves
   * room for this one, under the namespace's lock ({@link QuotaReservations}).
   *
   * @param reusedArtifacts upstream steps reused from an earlier run to that run's name
   */
  StepStart start(
      PipelineRun run,
      PipelineConfigSpec pipeline,
      StepLaunch launch,
      Map<String, String> reusedArtifacts,
      GitCredentials git,
      Supplier<List<ResourceQuota>> quotas) {
    Job job =
        StepJobFactory.build(
            run,
            pipeline.getRepository(),
            launch,
            transfers.forLaunch(
                run.getMetadata().getNamespace(),
                run.getMetadata().getName(),
                launch,
                reusedArtifacts,
                // Kueue may hold the Job as long as the pipeline may last.
                pipeline.getKueue() == null ? Duration.ZERO : StepDefaults.timeout(pipeline)),
            git,
            new JobSettings(settings.gitImage(), settings.transferImage(), settings.jobTtl()));
    KueueAdmission.queue(job, pipeline.getKueue());
    String namespace = run.getMetadata().getNamespace();
    String name = job.getMetadata().getName();
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    // Check and reserve under the namespace's lock; the API call itself happens outside it.
    synchronized (reservations.lock(namespace)) {
      List<ResourceQuota> current = quotas.get();
      if (!current.isEmpty()) {
        Instant now = clock.instant();
        Optional<String> shortage =
            QuotaFit.shortage(current, pod, reservations.pending(namespace, current, now));
        if (shortage.isPresent()) {
          return new StepStart.WaitingForQuota(shortage.get());
        }
        reservations.reserve(namespace, name, pod, current, now);
      }
    }
    try {
      StepStart started = create(run, job);
      if (!(started instanceof StepStart.Started)) {
        reservations.release(namespace, name);
      }
      return started;
    } catch (RuntimeException e) {
      reservations.release(namespace, name);
      throw e;
    }
  }

  private StepStart create(PipelineRun run, Job job) {
    Job created;
    try {
      created = client.resource(job).create();
    } catch (KubernetesClientException e) {
      String answer = e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage();
      if (e.getCode() == FORBIDDEN && String.valueOf(answer).contains("exceeded quota")) {
        return new StepStart.WaitingForQuota(answer);
      }
      if (refusedForGood(e, String.valueOf(answer))) {
        return new StepStart.Rejected(answer);
      }
      if (!ApiAnswers.alreadyExists(e)) {
        throw e;
      }
      created = requireOwnedBy(run, job.getMetadata().getName());
    }
    String at = created == null ? null : created.getMetadata().getCreationTimestamp();
    return new StepStart.Started(at == null ? null : Instant.parse(at));
  }

  /**
   * An invalid Job (400, 422) or one an admission policy denies (403 from a webhook or a
   * ValidatingAdmissionPolicy) fails the same way every time; a 403 for lack of RBAC does not
   * count: an administrator can fix it, and the retry then succeeds.
   */
  private static boolean refusedForGood(KubernetesClientException e, String answer) {
    return e.getCode() == BAD_REQUEST
        || e.getCode() == UNPROCESSABLE
        || (e.getCode() == FORBIDDEN
            && (answer.contains("admission webhook") || answer.contains("denied request")));
  }

  /** Deterministic names make an existing Job ours, unless an earlier run of that name left it. */
  private Job requireOwnedBy(PipelineRun run, String jobName) {
    Job existing =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(run.getMetadata().getNamespace())
            .withName(jobName)
            .get();
    if (existing == null) {
      throw new IllegalStateException(
          "Job " + jobName + " was reported to exist but is gone; it will be created again");
    }
    if (ownedBy(existing, run)) {
      return existing;
    }
    if (existing.getMetadata().getDeletionTimestamp() != null) {
      throw new IllegalStateException(
          "Job "
              + jobName
              + " of an earlier run of the same name is being deleted; the step starts once it is"
              + " gone");
    }
    throw new IllegalStateException(
        "Job "
            + jobName
            + " exists and does not belong to this run; delete it (kubectl -n "
            + run.getMetadata().getNamespace()
            + " delete job "
            + jobName
            + ") to let the step start");
  }

  /**
   * Whether the Job of a step recorded as running is gone from the API server, not merely missing
   * from the informer cache because it was created moments ago.
   */
  boolean deleted(PipelineRun run, String step) {
    return client
            .batch()
            .v1()
            .jobs()
            .inNamespace(run.getMetadata().getNamespace())
            .withName(KubernetesNames.jobName(run.getMetadata().getName(), step))
            .get()
        == null;
  }

  /** Deletes a step's Job and its pods (stopping it); a missing Job is already stopped. */
  void delete(PipelineRun run, String step) {
    reservations.release(
        run.getMetadata().getNamespace(),
        KubernetesNames.jobName(run.getMetadata().getName(), step));
    try {
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(run.getMetadata().getNamespace())
          .withName(KubernetesNames.jobName(run.getMetadata().getName(), step))
          .withPropagationPolicy(DeletionPropagation.BACKGROUND)
          .delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != NOT_FOUND) {
        throw e;
      }
    }
  }

  /**
   * Where the clone container finds credentials: the {@code authSecretRef} of the namespace's
   * RepositoryConnection for the pipeline's repository, if any.
   */
  static GitCredentials gitCredentials(List<RepositoryConnection> connections, String repository) {
    return RepositoryConnections.withCredentials(connections, repository)
        .map(c -> new GitCredentials(c.getSpec().getAuthSecretRef()))
        .orElse(GitCredentials.NONE);
  }

  private List<Pod> podsOf(Job job) {
    return podsOfJob(job.getMetadata().getNamespace(), job.getMetadata().getName());
  }

  List<Pod> podsOfJob(String namespace, String jobName) {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel(RunEventSources.JOB_NAME_LABEL, jobName)
        .list()
        .getItems();
  }
}
