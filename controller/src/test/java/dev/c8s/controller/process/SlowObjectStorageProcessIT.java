package dev.c8s.controller.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.controller.run.RunAwaits;
import dev.c8s.controller.run.Runs;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.LatencyProxy;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.SharedControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Object storage answering every request seconds late slows archiving, never the runs' steps: no
 * step is lost or started twice, and every log arrives.
 */
class SlowObjectStorageProcessIT {
  private static final Duration LATENCY = Duration.ofSeconds(2);
  private static final int RUNS = 5;

  @Test
  void everyRequestTwoSecondsLateLosesAndDuplicatesNoStepAndEveryLogArrives() throws Exception {
    ControlPlane plane = SharedControlPlane.get(true);
    String ns = plane.newNamespace("slow-s3");
    plane.client().resource(Runs.diamond(ns, "diamond")).create();
    ControllerProcess.deleteLease(plane);
    Path log = Path.of("target/controller-slow-s3.log");
    Files.deleteIfExists(log);
    S3ProxyServer s3 = S3ProxyServer.shared();
    try (LatencyProxy slow = LatencyProxy.start(s3.port(), LATENCY);
        ControllerProcess controller =
            ControllerProcess.start(
                plane,
                s3,
                log,
                Map.of(
                    "quarkus.s3.endpoint-override",
                    "http://127.0.0.1:" + slow.port(),
                    "c8s.controller.lease-identity",
                    "slow-s3"))) {
      long started = System.nanoTime();
      IntStream.rangeClosed(1, RUNS)
          .forEach(
              i ->
                  plane
                      .client()
                      .resource(Runs.run(ns, "diamond-" + i, "diamond", "main"))
                      .create());

      List<PipelineRun> runs =
          await()
              .atMost(Duration.ofMinutes(5))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () ->
                      plane.client().resources(PipelineRun.class).inNamespace(ns).list().getItems(),
                  all ->
                      all.stream().filter(RunAwaits::isTerminal).count() == RUNS
                          && all.stream()
                              .flatMap(r -> r.getStatus().getSteps().stream())
                              .allMatch(s -> s.getLogUrl() != null));
      long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

      assertThat(runs)
          .allSatisfy(r -> assertThat(r.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));
      assertThat(runs)
          .flatExtracting(r -> r.getStatus().getSteps())
          .allSatisfy(s -> assertThat(s.getPhase()).isEqualTo(StepPhase.Succeeded));
      assertThat(plane.client().batch().v1().jobs().inNamespace(ns).list().getItems())
          .as("one Job per step of each run")
          .hasSize(RUNS * 4);
      assertThat(slow.delayedChunks()).as("requests that went through the slow proxy").isPositive();
      System.out.printf(
          "slow object storage (%d ms per request): %d runs of 4 steps done, logs archived, in %d s%n",
          LATENCY.toMillis(), RUNS, seconds);
    }
  }
}
