package dev.c8s.controller.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.controller.job.StepJobFactory;
import dev.c8s.controller.run.RunAwaits;
import dev.c8s.controller.run.Runs;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.RestartableApiServer;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Faults at scale: many diamond-shaped runs while the controller is SIGKILLed again and again (each
 * time as its pod's container would restart: same Lease identity) and the API server it talks to is
 * restarted once under it. Nothing may be lost or run twice. The suite runs a reduced size; {@code
 * -Dc8s.chaos.runs=1000 -Dc8s.chaos.kills=10} is the documented long run (docs/performance.md).
 */
class ControllerChaosProcessIT {
  private static final int RUNS = Integer.getInteger("c8s.chaos.runs", 40);
  private static final int KILLS = Integer.getInteger("c8s.chaos.kills", 4);
  private static final List<String> STEPS = List.of("a", "b", "c", "d");
  private static final Duration API_DOWN = Duration.ofSeconds(5);

  @Test
  void runsSurviveRepeatedControllerKillsWithNothingLostOrRunTwice() throws IOException {
    ControlPlane plane = SharedControlPlane.get(true);
    KubernetesClient client = plane.client();
    String ns = plane.newNamespace("chaos");
    PipelineConfig config = Runs.diamond(ns, "diamond");
    config.getSpec().setHistoryLimit(Math.max(RUNS, 100));
    client.resource(config).create();
    ControllerProcess.deleteLease(plane);
    Path log = Path.of("target/controller-chaos.log");
    Files.deleteIfExists(log);
    RestartableApiServer api = RestartableApiServer.beside(plane);
    // Each controller as its pod's restarted container: same Lease identity, through an API
    // server that is itself restarted once.
    Map<String, String> controllerSettings =
        Map.of(
            "c8s.controller.lease-identity",
            "chaos-controller",
            "quarkus.kubernetes-client.api-server-url",
            api.url());

    long started = System.nanoTime();
    IntStream.rangeClosed(1, RUNS)
        .forEach(i -> client.resource(Runs.run(ns, "diamond-" + i, "diamond", "main")).create());
    int restartDuring = KILLS / 2 + 1;
    int selfExits = 0;
    for (int kill = 1; kill <= KILLS; kill++) {
      int finishedBeforeKill = RUNS * kill / (KILLS + 1);
      try (RestartingController controller =
          new RestartingController(plane, log, controllerSettings)) {
        int mustFinish = finishedBeforeKill;
        if (kill == restartDuring) {
          int halfway = (RUNS * (kill - 1) / (KILLS + 1) + finishedBeforeKill) / 2;
          awaitFinished(client, ns, halfway, controller);
          api.restart(API_DOWN);
          // This very controller must go on finishing runs through the restarted server.
          mustFinish = Math.max(mustFinish, (int) Math.min(RUNS, finished(client, ns) + 2));
        }
        awaitFinished(client, ns, mustFinish, controller);
        controller.kill();
        selfExits += controller.selfExits();
      }
    }
    PipelineConfig stats;
    try (api;
        RestartingController last = new RestartingController(plane, log, controllerSettings)) {
      awaitFinished(client, ns, RUNS, last);
      // The statistics follow the runs' ends: read them while this controller still runs.
      stats =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> client.resource(config).get(),
                  c ->
                      c.getStatus() != null
                          && Integer.valueOf(RUNS).equals(c.getStatus().getTotalRuns()));
      selfExits += last.selfExits();
    }
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

    List<PipelineRun> runs = client.resources(PipelineRun.class).inNamespace(ns).list().getItems();
    assertThat(runs).hasSize(RUNS);
    assertThat(runs)
        .as("runs that did not succeed")
        .filteredOn(r -> r.getStatus().getPhase() != RunPhase.Succeeded)
        .isEmpty();
    assertThat(runs)
        .flatExtracting(r -> r.getStatus().getSteps())
        .allSatisfy(s -> assertThat(s.getPhase()).isEqualTo(StepPhase.Succeeded));
    Map<String, List<Job>> jobsByRun =
        client.batch().v1().jobs().inNamespace(ns).list().getItems().stream()
            .collect(
                Collectors.groupingBy(
                    j -> j.getMetadata().getAnnotations().get(StepJobFactory.RUN_ANNOTATION)));
    assertThat(jobsByRun).hasSize(RUNS);
    assertThat(jobsByRun.values())
        .as("Jobs per run: one per step, each run once")
        .allSatisfy(
            jobs -> {
              assertThat(jobs).hasSize(STEPS.size());
              assertThat(jobs).allSatisfy(j -> assertThat(j.getStatus().getFailed()).isNull());
            });
    assertThat(stats.getStatus().getSuccessRate()).isEqualTo(1.0);
    Files.writeString(
        Path.of("target/controller-chaos.txt"),
        "runs=%d kills=%d apiServerRestarts=1 selfExits=%d seconds=%d lost=0 duplicateJobs=0%n"
            .formatted(RUNS, KILLS, selfExits, seconds));
  }

  private static void awaitFinished(
      KubernetesClient client, String ns, int runs, RestartingController controller) {
    // All runs start at once and progress together, so the first ones finish late in a large run.
    await()
        .atMost(Duration.ofMinutes(5).plusSeconds(2L * RUNS))
        // Each poll lists every run: at 1,000 runs that is megabytes the API server encodes while
        // it is the very resource under test.
        .pollInterval(Duration.ofMillis(Math.max(500, 5L * RUNS)))
        .until(
            () -> {
              controller.keepRunning();
              return finished(client, ns) >= runs;
            });
  }

  private static long finished(KubernetesClient client, String ns) {
    return client.resources(PipelineRun.class).inNamespace(ns).list().getItems().stream()
        .filter(RunAwaits::isTerminal)
        .count();
  }
}
