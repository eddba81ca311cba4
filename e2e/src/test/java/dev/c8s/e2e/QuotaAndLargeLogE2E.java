package dev.c8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.model.engine.StepReason;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import dev.c8s.testing.node.NodeImages;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * On a real node, a step that does not fit the namespace's ResourceQuota waits for room instead of
 * failing, and a step printing 100 MB is archived whole by a controller whose heap is smaller than
 * the log.
 */
class QuotaAndLargeLogE2E {
  private static final long HUNDRED_MB = 100L * 1000 * 1000;

  @Test
  void aStepThatDoesNotFitTheQuotaWaitsForTheOtherAndBothSucceed() {
    try (Team team = Team.create("quota", Team.GIT_PASSWORD)) {
      String sha = team.git.commit(Map.of("README.md", "quota\n"), "first");
      team.platform
          .admin()
          .resourceQuotas()
          .inNamespace(team.namespace)
          .resource(
              new ResourceQuotaBuilder()
                  .withNewMetadata()
                  .withName("one-step-at-a-time")
                  .endMetadata()
                  .withNewSpec()
                  .addToHard("requests.cpu", new Quantity("300m"))
                  .addToHard("limits.cpu", new Quantity("1"))
                  .endSpec()
                  .build())
          .create();
      // b and a start together (the DAG governs once any step has dependsOn); only one fits
      team.pipeline(
          """
            steps:
              - name: a
                image: %1$s
                commands: ["sleep 4", "echo a done"]
                resources: {cpu: 200m, memory: 64Mi}
              - name: b
                image: %1$s
                commands: ["sleep 4", "echo b done"]
                resources: {cpu: 200m, memory: 64Mi}
              - name: c
                image: %1$s
                dependsOn: [a, b]
                commands: ["echo c done"]
                resources: {cpu: 200m, memory: 64Mi}
          """
              .formatted(NodeImages.STEP));
      String name = team.run("quota-1", sha);
      AtomicBoolean waited = new AtomicBoolean();
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                PipelineRun run = team.get(name);
                if (run == null || run.getStatus() == null || run.getStatus().getSteps() == null) {
                  return false;
                }
                run.getStatus().getSteps().stream()
                    .filter(s -> StepReason.WaitingForQuota.name().equals(s.getReason()))
                    .findAny()
                    .ifPresent(s -> waited.set(true));
                return run.getStatus().getPhase() != null
                    && run.getStatus().getPhase().isTerminal();
              });
      PipelineRun run = team.get(name);

      assertThat(run.getStatus().getPhase())
          .as(Serialization.asYaml(run.getStatus()))
          .isEqualTo(RunPhase.Succeeded);
      assertThat(waited).as("a step was seen waiting for quota").isTrue();
      StepStatus a = Team.step(run, "a");
      StepStatus b = Team.step(run, "b");
      StepStatus first = a.getStartTime().isBefore(b.getStartTime()) ? a : b;
      StepStatus second = first == a ? b : a;
      // the second starts once the first's pod has ended (its 4 s sleep), not alongside it
      assertThat(Duration.between(first.getStartTime(), second.getStartTime()))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    }
  }

  @Test
  void aStepPrintingAHundredMegabytesIsArchivedWholeInFlatControllerMemory() {
    try (Team team = Team.create("big-log", Team.GIT_PASSWORD)) {
      String sha = team.git.commit(Map.of("README.md", "big\n"), "first");
      // 1,000,000 lines of 99 characters and a newline, in one burst: exactly 100 MB
      team.pipeline(
          """
            steps:
              - name: loud
                image: %s
                commands:
                  - head -c 99000000 /dev/zero | tr '\\0' 'x' | fold -w 99
                resources: {cpu: 500m, memory: 128Mi}
          """
              .formatted(NodeImages.STEP));
      long before = team.platform.controller().rssKib();
      AtomicLong peak = new AtomicLong(before);
      String name = team.run("big-log-1", sha);
      await()
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                peak.accumulateAndGet(team.platform.controller().rssKib(), Math::max);
                PipelineRun run = team.get(name);
                return run != null
                    && run.getStatus() != null
                    && run.getStatus().getPhase() != null
                    && run.getStatus().getPhase().isTerminal()
                    && Team.step(run, "loud").getLogUrl() != null;
              });
      PipelineRun run = team.get(name);

      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
      URI log = URI.create(Team.step(run, "loud").getLogUrl());
      long archived = team.platform.objectSize(log.toString());
      System.out.printf(
          "100 MB step log: archived %d bytes; controller RSS %d KiB before, peak %d KiB%n",
          archived, before, peak.get());
      assertThat(archived).isGreaterThanOrEqualTo(HUNDRED_MB);
      // The controller runs with a 96 MiB heap (Platform): a 100 MB log it held in memory would
      // have ended in an OutOfMemoryError, not in an archive.
      assertThat(team.platform.controller().isAlive()).isTrue();
    }
  }
}
