package dev.c8s.controller.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.controller.logs.LargeLogArchiveProbe;
import dev.c8s.controller.run.RunStatusBuilder;
import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.FakeStepLog;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.SharedControlPlane;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * With object storage down for a whole run, the packaged controller still finishes the run on time
 * with truthful step states, says the logs are pending, and archives every log once storage is
 * back.
 */
class ObjectStorageOutageProcessIT {

  @Test
  void aRunFinishesDuringAnOutageAndItsLogsArriveWhenStorageReturns(@TempDir Path storage)
      throws Exception {
    ControlPlane plane = SharedControlPlane.get(true);
    S3ProxyServer s3 = S3ProxyServer.startOnDisk(storage);
    int port = s3.port();
    ControllerProcess.deleteLease(plane);
    try (ControllerProcess controller = ControllerProcess.startReady(plane, s3, "outage")) {
      // the buckets exist (created at startup); now storage goes away
      s3.close();
      RunProgress progress = RunProgress.slowThenQuick(plane, "outage");
      long outageStart = System.nanoTime();
      progress.start();

      // "slow" runs 8 s under kwok, "after" 1 s: on time is well inside a minute
      progress.assertSucceedsWithin(Duration.ofSeconds(60));
      long finishedMs = (System.nanoTime() - outageStart) / 1_000_000;
      // Logs are archived apart from the steps: the refusal shows once the archives have tried.
      PipelineRun done =
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(250))
              .until(
                  () -> run(plane, progress),
                  r ->
                      logsCondition(r)
                          .map(c -> c.getStatus() == ConditionStatus.FALSE)
                          .orElse(false));
      for (String step : new String[] {"slow", "after"}) {
        StepStatus status = step(done, step);
        assertThat(status.getPhase()).as(step).isEqualTo(StepPhase.Succeeded);
        assertThat(status.getLogUrl()).as(step).isNull();
      }
      assertThat(logsCondition(done))
          .hasValueSatisfying(
              c -> {
                assertThat(c.getStatus()).isEqualTo(ConditionStatus.FALSE);
                assertThat(c.getReason()).isEqualTo("ObjectStorageUnavailable");
              });

      try (S3ProxyServer back = S3ProxyServer.startOnDisk(storage, port);
          S3Client client = LargeLogArchiveProbe.client(back.endpoint())) {
        long backAt = System.nanoTime();
        PipelineRun archived =
            await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(
                    () -> run(plane, progress),
                    r ->
                        step(r, "slow").getLogUrl() != null
                            && step(r, "after").getLogUrl() != null
                            && logsCondition(r)
                                .map(c -> c.getStatus() == ConditionStatus.TRUE)
                                .orElse(false));
        System.out.printf(
            "object storage outage: run Succeeded %d ms after it started with storage down;"
                + " logs archived %d ms after storage returned%n",
            finishedMs, (System.nanoTime() - backAt) / 1_000_000);
        for (String step : new String[] {"slow", "after"}) {
          URI url = URI.create(step(archived, step).getLogUrl());
          String log =
              client
                  .getObjectAsBytes(b -> b.bucket(url.getHost()).key(url.getPath().substring(1)))
                  .asUtf8String();
          assertThat(log).as(step).contains(FakeStepLog.LINES.get(0));
        }
        assertThat(archived.getStatus().getPhase()).isEqualTo(done.getStatus().getPhase());
      }
    }
  }

  private static PipelineRun run(ControlPlane plane, RunProgress progress) {
    return plane
        .client()
        .resources(PipelineRun.class)
        .inNamespace(progress.namespace())
        .withName(progress.run())
        .get();
  }

  private static StepStatus step(PipelineRun run, String name) {
    return run.getStatus().getSteps().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static Optional<Condition> logsCondition(PipelineRun run) {
    return run.getStatus().getConditions().stream()
        .filter(c -> RunStatusBuilder.LOGS_ARCHIVED.equals(c.getType()))
        .findFirst();
  }
}
