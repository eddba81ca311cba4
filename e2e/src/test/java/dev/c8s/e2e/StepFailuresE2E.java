package dev.c8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.model.engine.StepReason;
import dev.c8s.model.storage.ObjectKeys;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import dev.c8s.testing.node.NodeImages;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Steps that fail on real containers end with what a user needs to act: the exit code, the killed
 * process's output, the pull error, the clone's answer; nothing waits until the pipeline timeout.
 */
class StepFailuresE2E {
  private static Team team;
  private static String commit;

  @BeforeAll
  static void pipelineWithOneStepPerFailure() {
    team = Team.create("failures", Team.GIT_PASSWORD);
    commit = team.git.commit(Map.of("README.md", "failures\n"), "first");
    team.pipeline(
        """
          timeout: 10m
          steps:
            - name: fail
              image: %1$s
              commands: ["echo about to fail", "exit 3"]
              resources: {cpu: 100m, memory: 64Mi}
            - name: after-fail
              image: %1$s
              dependsOn: [fail]
              commands: ["echo never"]
              resources: {cpu: 100m, memory: 64Mi}
            - name: missing-command
              image: %1$s
              commands: ["nosuchcommand --version"]
              resources: {cpu: 100m, memory: 64Mi}
            - name: slow
              image: %1$s
              timeout: 15s
              commands: ["echo before the sleep", "sleep 120"]
              resources: {cpu: 100m, memory: 64Mi}
            - name: no-image
              image: c8s.local/does-not-exist:1
              commands: ["true"]
              resources: {cpu: 100m, memory: 64Mi}
        """
            .formatted(NodeImages.STEP));
  }

  @AfterAll
  static void stopGitServer() {
    team.close();
  }

  @Test
  void everyFailureIsRecordedWithItsCauseAndDependantsAreSkipped() {
    Instant created = Instant.now();
    String name = team.run("failures-1", commit);

    PipelineRun run = team.awaitEnded(name, Duration.ofMinutes(3));

    assertThat(run.getStatus().getPhase())
        .as(Serialization.asYaml(run.getStatus()))
        .isEqualTo(RunPhase.Failed);
    StepStatus fail = Team.step(run, "fail");
    assertThat(fail.getExitCode()).isEqualTo(3);
    assertThat(fail.getReason()).isEqualTo(StepReason.Error.name());
    assertThat(team.log(run, "fail")).contains("about to fail");
    StepStatus after = Team.step(run, "after-fail");
    assertThat(after.getPhase()).isEqualTo(StepPhase.Skipped);
    assertThat(after.getReason()).isEqualTo(StepReason.DependencyFailed.name());

    assertThat(Team.step(run, "missing-command").getExitCode()).isEqualTo(127);
    assertThat(team.log(run, "missing-command")).contains("nosuchcommand");

    StepStatus slow = Team.step(run, "slow");
    assertThat(slow.getReason()).isEqualTo(StepReason.StepTimedOut.name());
    // The timeout counts from the step's start, clone included: 15 s leaves the clone of five
    // parallel steps on two cores time enough for the step to print before it is stopped.
    // 15 s timeout + 10 s grace (sh ignores SIGTERM) + the kubelet's and Job controller's turns
    assertThat(Duration.between(slow.getStartTime(), slow.getCompletionTime()))
        .isLessThan(Duration.ofSeconds(38));
    assertThat(team.log(run, "slow")).contains("before the sleep");

    StepStatus noImage = Team.step(run, "no-image");
    assertThat(noImage.getReason()).isEqualTo(StepReason.ImagePullFailed.name());
    assertThat(noImage.getMessage()).contains("c8s.local/does-not-exist:1");
    assertThat(Duration.between(created, noImage.getCompletionTime()))
        .isLessThan(Duration.ofSeconds(90));
  }

  @Test
  void cancellingARunStopsItsRunningContainerAndKeepsWhatItPrinted() {
    try (Team longRunning = Team.create("cancel", Team.GIT_PASSWORD)) {
      String sha = longRunning.git.commit(Map.of("README.md", "cancel\n"), "first");
      longRunning.pipeline(
          """
            steps:
              - name: long
                image: %s
                commands: ["echo started the long step", "sleep 300"]
                resources: {cpu: 100m, memory: 64Mi}
          """
              .formatted(NodeImages.STEP));
      String name = longRunning.run("cancel-1", sha);
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> stepContainerRunning(longRunning, name + "-long"));

      longRunning
          .platform
          .admin()
          .resources(PipelineRun.class)
          .inNamespace(longRunning.namespace)
          .withName(name)
          .edit(
              r -> {
                r.getSpec().setCancelRequested(true);
                return r;
              });
      PipelineRun run = longRunning.awaitEnded(name, Duration.ofSeconds(60));

      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Cancelled);
      assertThat(longRunning.log(run, "long")).contains("started the long step");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  longRunning
                      .platform
                      .admin()
                      .pods()
                      .inNamespace(longRunning.namespace)
                      .list()
                      .getItems()
                      .isEmpty());
    }
  }

  @Test
  void aStepsOutputIsInObjectStorageWhileItRunsAndSurvivesItsPodBeingDeleted() {
    try (Team evicted = Team.create("evicted", Team.GIT_PASSWORD)) {
      String sha = evicted.git.commit(Map.of("README.md", "evicted\n"), "first");
      evicted.pipeline(
          """
            steps:
              - name: long
                image: %s
                commands: ["echo printed before the pod went", "sleep 300"]
                resources: {cpu: 100m, memory: 64Mi}
          """
              .formatted(NodeImages.STEP));
      String name = evicted.run("evicted-1", sha);
      String live = ObjectKeys.liveSegments(evicted.namespace, name, "long");
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> evicted.platform.logObjects(live).contains("printed before the pod went"));

      // As an eviction or a drain would: the pod goes while the step still runs.
      evicted
          .platform
          .admin()
          .pods()
          .inNamespace(evicted.namespace)
          .withLabel("batch.kubernetes.io/job-name", name + "-long")
          .delete();
      PipelineRun run = evicted.awaitEnded(name, Duration.ofSeconds(90));

      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed);
      assertThat(evicted.log(run, "long")).contains("printed before the pod went");
    }
  }

  @Test
  void wrongCloneCredentialsFailTheRunWithTheClonesAnswerInStatusAndLog() {
    try (Team wrong = Team.create("bad-creds", "not-the-password")) {
      String sha = wrong.git.commit(Map.of("README.md", "private\n"), "first");
      wrong.pipeline(
          """
            steps:
              - name: build
                image: %s
                commands: ["echo never cloned"]
                resources: {cpu: 100m, memory: 64Mi}
          """
              .formatted(NodeImages.STEP));

      PipelineRun run = wrong.awaitEnded(wrong.run("bad-creds-1", sha), Duration.ofMinutes(2));

      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed);
      StepStatus build = Team.step(run, "build");
      assertThat(build.getReason()).isEqualTo(StepReason.PreparationFailed.name());
      assertThat(build.getMessage()).startsWith("clone failed").contains("Authentication failed");
      assertThat(wrong.log(run, "build")).contains("==> clone <==", "Authentication failed");
    }
  }

  private static boolean stepContainerRunning(Team team, String job) {
    return team
        .platform
        .admin()
        .pods()
        .inNamespace(team.namespace)
        .withLabel("batch.kubernetes.io/job-name", job)
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
        .flatMap(p -> p.getStatus().getContainerStatuses().stream())
        .anyMatch(c -> "step".equals(c.getName()) && c.getState().getRunning() != null);
  }
}
