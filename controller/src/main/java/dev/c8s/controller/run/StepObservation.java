package dev.c8s.controller.run;

import dev.c8s.controller.job.KueueAdmission;
import dev.c8s.controller.job.StepJobFactory;
import dev.c8s.model.engine.StepReason;
import dev.c8s.model.engine.StepState;
import dev.c8s.model.v1alpha1.Kueue;
import dev.c8s.model.v1alpha1.StepPhase;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a step's Job (and its pod) says about the step: phase, reason, exit code and times.
 *
 * @param state the engine's view
 * @param exitCode the step container's exit code, when it terminated
 * @param message a sentence for people, or null
 * @param completionTime when the Job finished, or null
 */
public record StepObservation(
    StepState state, Integer exitCode, String message, Instant completionTime) {

  /**
   * Reads a Job and the pods it created; {@code now} ends a step whose pod is stuck in a state no
   * retry resolves (an image that cannot be pulled, a missing Secret).
   */
  public static StepObservation of(Job job, List<Pod> pods, Instant now) {
    Instant started = startOf(job);
    Optional<JobCondition> failed = condition(job, "Failed");
    Optional<JobCondition> complete = condition(job, "Complete");
    Optional<ContainerStateTerminated> step = stepTermination(pods);
    Integer exitCode = step.map(ContainerStateTerminated::getExitCode).orElse(null);
    if (complete.isPresent()) {
      return new StepObservation(
          new StepState(StepPhase.Succeeded, StepReason.Completed, started),
          exitCode == null ? 0 : exitCode,
          null,
          finishedAt(job, complete.get()));
    }
    if (failed.isPresent()) {
      return failed(job, pods, failed.get(), exitCode, started);
    }
    Optional<PodProblems.Problem> stuck = PodProblems.stuck(pods, now);
    if (stuck.isPresent()) {
      return new StepObservation(
          new StepState(StepPhase.Failed, stuck.get().reason(), started),
          null,
          stuck.get().message(),
          now);
    }
    if (KueueAdmission.awaitingAdmission(job)) {
      // Not started yet: no start time, so no step timeout runs (it counts from admission).
      return new StepObservation(
          new StepState(StepPhase.Running, StepReason.WaitingForAdmission, null),
          null,
          "waiting for Kueue to admit it (LocalQueue "
              + job.getMetadata().getLabels().get(Kueue.QUEUE_LABEL)
              + "); its timeout counts from admission",
          null);
    }
    return new StepObservation(StepState.running(started), null, null, null);
  }

  /**
   * When the step started: its Job's creation, or for a Job Kueue admitted, its admission (the Job
   * controller sets startTime when Kueue unsuspends it, and restarts its deadline then).
   */
  private static Instant startOf(Job job) {
    if (KueueAdmission.queued(job)
        && job.getStatus() != null
        && job.getStatus().getStartTime() != null) {
      return parse(job.getStatus().getStartTime());
    }
    return parse(job.getMetadata().getCreationTimestamp());
  }

  /** Whether the Job has finished (Complete or Failed), as opposed to a step ended early. */
  public static boolean finished(Job job) {
    return condition(job, "Complete").isPresent() || condition(job, "Failed").isPresent();
  }

  private static StepObservation failed(
      Job job, List<Pod> pods, JobCondition failed, Integer exitCode, Instant started) {
    if ("DeadlineExceeded".equals(failed.getReason())) {
      return new StepObservation(
          new StepState(StepPhase.Failed, StepReason.StepTimedOut, started),
          exitCode,
          "step ran longer than its timeout",
          finishedAt(job, failed));
    }
    Optional<String> preparation =
        exitCode == null ? PodProblems.failedInit(pods) : Optional.empty();
    if (preparation.isPresent()) {
      return new StepObservation(
          new StepState(StepPhase.Failed, StepReason.PreparationFailed, started),
          null,
          preparation.get(),
          finishedAt(job, failed));
    }
    String message =
        exitCode != null && exitCode == 0
            ? "the step's commands succeeded but its pod failed: " + failed.getMessage()
            : exitCode != null ? "step exited with code " + exitCode : failed.getMessage();
    return new StepObservation(
        new StepState(StepPhase.Failed, StepReason.Error, started),
        exitCode,
        message,
        finishedAt(job, failed));
  }

  private static Optional<JobCondition> condition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  /** Whether one of {@code pods} shows the step container terminated (its exit code known). */
  public static boolean stepEnded(List<Pod> pods) {
    return stepTermination(pods).isPresent();
  }

  private static Optional<ContainerStateTerminated> stepTermination(List<Pod> pods) {
    return pods.stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
        .flatMap(p -> p.getStatus().getContainerStatuses().stream())
        .filter(c -> StepJobFactory.STEP_CONTAINER.equals(c.getName()))
        .map(ContainerStatus::getState)
        .filter(s -> s != null && s.getTerminated() != null)
        .map(s -> s.getTerminated())
        .findFirst();
  }

  private static Instant finishedAt(Job job, JobCondition condition) {
    if (job.getStatus().getCompletionTime() != null) {
      return parse(job.getStatus().getCompletionTime());
    }
    return parse(condition.getLastTransitionTime());
  }

  private static Instant parse(String timestamp) {
    return timestamp == null ? null : Instant.parse(timestamp);
  }
}
