package dev.c8s.controller.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.controller.job.KueueAdmission;
import dev.c8s.model.engine.StepReason;
import dev.c8s.model.v1alpha1.Kueue;
import dev.c8s.model.v1alpha1.StepPhase;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a step's Job and pod say about the step, including what stops it before it runs. */
class StepObservationTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static final Instant CREATED = Instant.parse("2026-11-28T11:59:00Z");

  @Test
  void anImageTheKubeletBacksOffFromPullingFailsTheStepAtOnceWithTheRuntimesAnswer() {
    Pod pod =
        pod(
            List.of(terminated("clone", 0, null)),
            List.of(
                waiting(
                    "step",
                    "c8s.local/nope:1",
                    "ImagePullBackOff",
                    "Back-off pulling image \"c8s.local/nope:1\": not found")));

    StepObservation seen = StepObservation.of(job(null), List.of(pod), NOW);

    assertThat(seen.state().phase()).isEqualTo(StepPhase.Failed);
    assertThat(seen.state().reason()).isEqualTo(StepReason.ImagePullFailed);
    assertThat(seen.message())
        .contains("c8s.local/nope:1", "container step", "ImagePullBackOff", "not found");
    assertThat(seen.completionTime()).isEqualTo(NOW);
    assertThat(StepObservation.finished(job(null))).isFalse();
  }

  @Test
  void aJobKueueHasNotAdmittedWaitsWithoutAStartSoItsTimeoutDoesNotRun() {
    Job suspended = base().withNewSpec().endSpec().withNewStatus().endStatus().build();
    KueueAdmission.queue(suspended, kueue("team-ci"));

    StepObservation seen = StepObservation.of(suspended, List.of(), NOW);

    assertThat(seen.state().phase()).isEqualTo(StepPhase.Running);
    assertThat(seen.state().reason()).isEqualTo(StepReason.WaitingForAdmission);
    assertThat(seen.state().startTime()).isNull();
    assertThat(seen.message()).contains("LocalQueue team-ci", "counts from admission");
  }

  @Test
  void anAdmittedKueueJobStartsWhenKueueLetItGo() {
    Job admitted =
        base()
            .withNewSpec()
            .endSpec()
            .withNewStatus()
            .withActive(1)
            .withStartTime("2026-11-28T11:59:45Z")
            .endStatus()
            .build();
    KueueAdmission.queue(admitted, kueue("team-ci"));
    admitted.getSpec().setSuspend(false);

    StepObservation seen = StepObservation.of(admitted, List.of(), NOW);

    assertThat(seen.state().reason()).isEqualTo(StepReason.Started);
    assertThat(seen.state().startTime()).isEqualTo("2026-11-28T11:59:45Z");
  }

  private static Kueue kueue(String queue) {
    Kueue kueue = new Kueue();
    kueue.setQueueName(queue);
    return kueue;
  }

  @Test
  void aFirstFailedPullIsGivenTheKubeletsRetryBeforeTheStepFails() {
    Pod pod = pod(List.of(), List.of(waiting("step", "reg/app:1", "ErrImagePull", "timeout")));

    StepObservation seen = StepObservation.of(job(null), List.of(pod), NOW);

    assertThat(seen.state().phase()).isEqualTo(StepPhase.Running);
  }

  @Test
  void aMissingSecretKeyThatLastsFailsTheStepAsAContainerConfigError() {
    Pod pod = configError("couldn't find key token in Secret team/deploy");

    StepObservation seen =
        StepObservation.of(job(null), List.of(pod), CREATED.plus(Duration.ofSeconds(31)));

    assertThat(seen.state().reason()).isEqualTo(StepReason.ContainerConfigError);
    assertThat(seen.message()).contains("couldn't find key token");
  }

  @Test
  void aContainerConfigErrorInAFreshPodIsGivenTimeForTheKubeletsSecretCache() {
    Pod pod = configError("secret \"git-credentials\" not found");

    StepObservation seen =
        StepObservation.of(job(null), List.of(pod), CREATED.plus(Duration.ofSeconds(5)));

    assertThat(seen.state().phase()).isEqualTo(StepPhase.Running);
  }

  private static Pod configError(String message) {
    return pod(
        List.of(), List.of(waiting("step", "reg/app:1", "CreateContainerConfigError", message)));
  }

  @Test
  void aFailedCloneFailsTheStepWithTheClonesLastOutput() {
    Pod pod =
        pod(
            List.of(
                terminated(
                    "clone",
                    128,
                    "fatal: Authentication failed for 'http://10.244.0.1:4321/app.git/'\n")),
            List.of(waiting("step", "reg/app:1", "PodInitializing", null)));

    StepObservation seen = StepObservation.of(job("BackoffLimitExceeded"), List.of(pod), NOW);

    assertThat(seen.state().reason()).isEqualTo(StepReason.PreparationFailed);
    assertThat(seen.exitCode()).isNull();
    assertThat(seen.message())
        .isEqualTo(
            "clone failed with exit code 128: fatal: Authentication failed for"
                + " 'http://10.244.0.1:4321/app.git/'");
  }

  @Test
  void aDeadlineExceededJobIsAStepTimeout() {
    StepObservation seen = StepObservation.of(job("DeadlineExceeded"), List.of(), NOW);

    assertThat(seen.state().reason()).isEqualTo(StepReason.StepTimedOut);
  }

  @Test
  void aNonZeroExitIsRecordedWithItsCode() {
    Pod pod = pod(List.of(terminated("clone", 0, null)), List.of(terminated("step", 127, null)));

    StepObservation seen = StepObservation.of(job("BackoffLimitExceeded"), List.of(pod), NOW);

    assertThat(seen.state().reason()).isEqualTo(StepReason.Error);
    assertThat(seen.exitCode()).isEqualTo(127);
    assertThat(seen.message()).isEqualTo("step exited with code 127");
  }

  @Test
  void aCompleteJobSucceedsWithTheStepContainersExitCodeAtTheJobsCompletionTime() {
    Pod pod = pod(List.of(terminated("clone", 0, null)), List.of(terminated("step", 0, null)));
    Job job = ended("Complete", null, "2026-11-28T11:59:40Z");

    StepObservation seen = StepObservation.of(job, List.of(pod), NOW);

    assertThat(seen.state().phase()).isEqualTo(StepPhase.Succeeded);
    assertThat(seen.state().reason()).isEqualTo(StepReason.Completed);
    assertThat(seen.state().startTime()).isEqualTo(CREATED);
    assertThat(seen.exitCode()).isZero();
    assertThat(seen.message()).isNull();
    assertThat(seen.completionTime()).isEqualTo(Instant.parse("2026-11-28T11:59:40Z"));
    assertThat(StepObservation.finished(job)).isTrue();
  }

  @Test
  void aCompleteJobWhosePodIsGoneSucceedsWithExitCodeZeroWhenItsConditionTurnedTrue() {
    StepObservation seen = StepObservation.of(ended("Complete", null, null), List.of(), NOW);

    assertThat(seen.state().phase()).isEqualTo(StepPhase.Succeeded);
    assertThat(seen.exitCode()).isZero();
    assertThat(seen.completionTime()).isEqualTo(Instant.parse("2026-11-28T11:59:30Z"));
  }

  @Test
  void aStepThatExitedZeroInAPodThatFailedNamesThePodsFailureNotAnExitCode() {
    Pod pod = pod(List.of(), List.of(terminated("step", 0, null), terminated("upload", 6, null)));

    StepObservation seen = StepObservation.of(job("BackoffLimitExceeded"), List.of(pod), NOW);

    assertThat(seen.state().phase()).isEqualTo(StepPhase.Failed);
    assertThat(seen.state().reason()).isEqualTo(StepReason.Error);
    assertThat(seen.exitCode()).isZero();
    assertThat(seen.message())
        .isEqualTo(
            "the step's commands succeeded but its pod failed: Job failed: BackoffLimitExceeded");
  }

  @Test
  void aFailedJobWithoutAnyPodLeftReportsTheJobsOwnMessageAtItsFailureTime() {
    Job job = job("BackoffLimitExceeded");
    StepObservation seen = StepObservation.of(job, List.of(), NOW);

    assertThat(seen.state().reason()).isEqualTo(StepReason.Error);
    assertThat(seen.exitCode()).isNull();
    assertThat(seen.message()).isEqualTo("Job failed: BackoffLimitExceeded");
    assertThat(seen.completionTime()).isEqualTo(Instant.parse("2026-11-28T11:59:30Z"));
    assertThat(StepObservation.finished(job)).isTrue();
  }

  @Test
  void aTimedOutStepKeepsTheExitCodeOfItsKilledContainer() {
    Pod pod = pod(List.of(), List.of(terminated("step", 137, null)));

    StepObservation seen = StepObservation.of(job("DeadlineExceeded"), List.of(pod), NOW);

    assertThat(seen.state().phase()).isEqualTo(StepPhase.Failed);
    assertThat(seen.exitCode()).isEqualTo(137);
    assertThat(seen.message()).isEqualTo("step ran longer than its timeout");
    assertThat(seen.completionTime()).isEqualTo(Instant.parse("2026-11-28T11:59:30Z"));
  }

  @Test
  void aJobConditionThatIsNotTrueLeavesTheStepRunningSinceItsJobWasCreated() {
    Job job = ended("Failed", "BackoffLimitExceeded", null);
    job.getStatus().getConditions().get(0).setStatus("False");

    StepObservation seen = StepObservation.of(job, List.of(), NOW);

    assertThat(seen.state().phase()).isEqualTo(StepPhase.Running);
    assertThat(seen.state().startTime()).isEqualTo(CREATED);
    assertThat(seen.exitCode()).isNull();
    assertThat(seen.completionTime()).isNull();
    assertThat(StepObservation.finished(job)).isFalse();
  }

  /** A Job that failed with {@code reason}, or an active one for null. */
  private static Job job(String failedReason) {
    return failedReason == null
        ? base().withNewStatus().withActive(1).endStatus().build()
        : ended("Failed", failedReason, null);
  }

  /** A Job whose condition {@code type} turned True at 11:59:30, with its completionTime. */
  private static Job ended(String type, String reason, String completionTime) {
    return base()
        .withNewStatus()
        .withCompletionTime(completionTime)
        .addNewCondition()
        .withType(type)
        .withStatus("True")
        .withReason(reason)
        .withMessage("Job failed: " + reason)
        .withLastTransitionTime("2026-11-28T11:59:30Z")
        .endCondition()
        .endStatus()
        .build();
  }

  private static JobBuilder base() {
    return new JobBuilder()
        .withNewMetadata()
        .withName("r-1-build")
        .withCreationTimestamp("2026-11-28T11:59:00Z")
        .endMetadata();
  }

  private static Pod pod(List<ContainerStatus> init, List<ContainerStatus> main) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("r-1-build-abcde")
        .withCreationTimestamp(CREATED.toString())
        .endMetadata()
        .withNewStatus()
        .withInitContainerStatuses(init)
        .withContainerStatuses(main)
        .endStatus()
        .build();
  }

  private static ContainerStatus waiting(String name, String image, String reason, String message) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withImage(image)
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .endState()
        .build();
  }

  private static ContainerStatus terminated(String name, int exitCode, String message) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withImage("c8s.local/c8s-helper:1")
        .withNewState()
        .withNewTerminated()
        .withExitCode(exitCode)
        .withMessage(message)
        .endTerminated()
        .endState()
        .build();
  }
}
