package dev.c8s.controller.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.Kueue;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RelevantChangesTest {

  static Job runningJob() {
    return new JobBuilder()
        .withNewMetadata()
        .withName("run-1-build")
        .withUid("u1")
        .withResourceVersion("10")
        .addToLabels("c8s.dev/run", "run-1")
        .endMetadata()
        .withNewSpec()
        .withSuspend(false)
        .endSpec()
        .withNewStatus()
        .withStartTime("2026-11-30T01:00:00Z")
        .withActive(1)
        .withReady(0)
        .endStatus()
        .build();
  }

  static Pod runningPod() {
    return new PodBuilder()
        .withNewMetadata()
        .withName("run-1-build-x")
        .withUid("p1")
        .withResourceVersion("20")
        .withFinalizers("batch.kubernetes.io/job-tracking")
        .endMetadata()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .withLastProbeTime("2026-11-30T01:00:01Z")
        .endCondition()
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName("step")
                .withImage("alpine")
                .withReady(true)
                .withNewState()
                .withNewRunning()
                .withStartedAt("2026-11-30T01:00:01Z")
                .endRunning()
                .endState()
                .build())
        .endStatus()
        .build();
  }

  static List<Arguments> jobUpdates() {
    return List.of(
        Arguments.of(
            "only the resourceVersion",
            changed(j -> j.getMetadata().setResourceVersion("11")),
            false),
        Arguments.of("the ready count", changed(j -> j.getStatus().setReady(1)), false),
        Arguments.of("the active count", changed(j -> j.getStatus().setActive(0)), false),
        Arguments.of(
            "the uncounted terminated pods",
            changed(
                j ->
                    j.getStatus()
                        .setUncountedTerminatedPods(
                            new io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPods(
                                List.of(), List.of("p1")))),
            false),
        Arguments.of(
            "its start time, outside Kueue (the step started with the Job)",
            changed(j -> j.getStatus().setStartTime("2026-11-30T01:00:02Z")),
            false),
        Arguments.of("SuccessCriteriaMet before Complete", condition("SuccessCriteriaMet"), false),
        Arguments.of("Complete", condition("Complete"), true),
        Arguments.of("Failed", condition("Failed"), true),
        Arguments.of(
            "its completion time",
            changed(j -> j.getStatus().setCompletionTime("2026-11-30T01:00:09Z")),
            true),
        Arguments.of("Kueue lifting suspend", changed(j -> j.getSpec().setSuspend(true)), true),
        Arguments.of("a label", changed(j -> j.getMetadata().getLabels().put("x", "y")), true),
        Arguments.of(
            "its deletion",
            changed(j -> j.getMetadata().setDeletionTimestamp("2026-11-30T01:00:09Z")),
            true));
  }

  @ParameterizedTest(name = "a Job update of {0} wakes the run: {2}")
  @MethodSource("jobUpdates")
  void jobUpdatesWakeTheRunOnlyWhenWhatItReadsChanged(
      String change, UnaryOperator<Job> update, boolean wakes) {
    Job older = runningJob();
    assertThat(RelevantChanges.job(update.apply(runningJob()), older)).isEqualTo(wakes);
  }

  static List<Arguments> podUpdates() {
    return List.of(
        Arguments.of(
            "the job-tracking finalizer removed",
            pod(p -> p.getMetadata().setFinalizers(List.of())),
            false),
        Arguments.of(
            "a probe time",
            pod(p -> p.getStatus().getConditions().get(0).setLastProbeTime("2026-11-30T01:00:05Z")),
            false),
        Arguments.of(
            "a container's readiness",
            pod(p -> p.getStatus().getContainerStatuses().get(0).setReady(false)),
            false),
        Arguments.of(
            "the phase, Running to Pending", pod(p -> p.getStatus().setPhase("Pending")), true),
        Arguments.of(
            "the phase, Running to Succeeded (its log can be archived)",
            pod(p -> p.getStatus().setPhase("Succeeded")),
            true),
        Arguments.of(
            "a condition's status",
            pod(p -> p.getStatus().getConditions().get(0).setStatus("False")),
            false),
        Arguments.of(
            "the step container ending (the pod's end follows)",
            pod(
                p ->
                    p.getStatus()
                        .getContainerStatuses()
                        .get(0)
                        .setState(
                            new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
                                .withNewTerminated()
                                .withExitCode(0)
                                .endTerminated()
                                .build())),
            false),
        Arguments.of(
            "a waiting reason",
            pod(
                p ->
                    p.getStatus()
                        .getContainerStatuses()
                        .get(0)
                        .setState(
                            new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
                                .withNewWaiting()
                                .withReason("ImagePullBackOff")
                                .endWaiting()
                                .build())),
            true));
  }

  @ParameterizedTest(name = "a pod update of {0} wakes the run: {2}")
  @MethodSource("podUpdates")
  void podUpdatesWakeTheRunOnlyWhenWhatItReadsChanged(
      String change, UnaryOperator<Pod> update, boolean wakes) {
    Pod older = runningPod();
    assertThat(RelevantChanges.pod(update.apply(runningPod()), older)).isEqualTo(wakes);
  }

  @Test
  void aJobsStartTimeWakesTheRunOnlyWhenKueueAdmittedIt() {
    Job older = runningJob();
    older.getMetadata().getLabels().put(Kueue.QUEUE_LABEL, "team");
    older.getStatus().setStartTime(null);
    Job admitted = runningJob();
    admitted.getMetadata().getLabels().put(Kueue.QUEUE_LABEL, "team");
    assertThat(RelevantChanges.job(admitted, older)).isTrue();
  }

  @Test
  void aPodThatStartsRunningWakesTheRun() {
    Pod pending = runningPod();
    pending.getStatus().setPhase("Pending");
    pending
        .getStatus()
        .getContainerStatuses()
        .get(0)
        .setState(
            new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
                .withNewWaiting()
                .withReason("ContainerCreating")
                .endWaiting()
                .build());
    assertThat(RelevantChanges.pod(runningPod(), pending)).isTrue();
  }

  @Test
  void aJobOrPodJustCreatedDoesNotWakeTheRunButOneThatRanOrKueueHoldsDoes() {
    Job created = runningJob();
    created.setStatus(null);
    Pod pending = runningPod();
    pending.getStatus().setContainerStatuses(null);
    assertThat(RelevantChanges.jobAdded(created)).isFalse();
    created.getSpec().setSuspend(true);
    assertThat(RelevantChanges.jobAdded(created)).as("created suspended for Kueue").isTrue();
    assertThat(RelevantChanges.jobAdded(runningJob())).isTrue();
    assertThat(RelevantChanges.podAdded(pending)).isFalse();
    assertThat(RelevantChanges.podAdded(runningPod())).isTrue();
  }

  private static UnaryOperator<Job> changed(java.util.function.Consumer<Job> change) {
    return j -> {
      change.accept(j);
      return j;
    };
  }

  private static UnaryOperator<Job> condition(String type) {
    return changed(
        j ->
            j.getStatus()
                .setConditions(
                    List.of(new JobConditionBuilder().withType(type).withStatus("True").build())));
  }

  private static UnaryOperator<Pod> pod(java.util.function.Consumer<Pod> change) {
    return p -> {
      change.accept(p);
      return p;
    };
  }
}
