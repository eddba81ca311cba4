package dev.c8s.controller.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.controller.run.Runs;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A controller killed mid-run and started again finishes the run without duplicating a Job. */
class ControllerRestartProcessIT {

  @Test
  void killedControllerRestartsAndFinishesTheRunWithOneJobPerStep() {
    ControlPlane plane = SharedControlPlane.get(true);
    S3ProxyServer s3 = S3ProxyServer.shared();
    KubernetesClient client = plane.client();
    String ns = plane.newNamespace("restart");
    client
        .resource(
            Runs.config(ns, "restart", Runs.step("slow", "sleep 8"), Runs.step("after", "true")))
        .create();
    client.resource(Runs.run(ns, "restart-1", "restart", "main")).create();
    Path log = Path.of("target/controller-restart.log");

    String firstUid;
    try (ControllerProcess first = ControllerProcess.start(plane, s3, log)) {
      Job slow =
          await()
              .ignoreExceptions()
              .atMost(Duration.ofSeconds(90))
              .until(
                  () -> client.batch().v1().jobs().inNamespace(ns).withName("restart-1-slow").get(),
                  j -> j != null);
      firstUid = slow.getMetadata().getUid();
      first.kill();
    }

    try (ControllerProcess second = ControllerProcess.start(plane, s3, log)) {
      PipelineRun done =
          await()
              .ignoreExceptions()
              .atMost(Duration.ofSeconds(120))
              .until(
                  () ->
                      client
                          .resources(PipelineRun.class)
                          .inNamespace(ns)
                          .withName("restart-1")
                          .get(),
                  r ->
                      r.getStatus() != null
                          && r.getStatus().getPhase() != null
                          && r.getStatus().getPhase().isTerminal());
      assertThat(done.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
    }
    List<Job> jobs =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(ns)
            .withLabel(C8s.LABEL_PIPELINE_RUN, "restart-1")
            .list()
            .getItems();
    assertThat(jobs)
        .extracting(j -> j.getMetadata().getName())
        .containsExactlyInAnyOrder("restart-1-slow", "restart-1-after");
    assertThat(jobs)
        .filteredOn(j -> j.getMetadata().getName().equals("restart-1-slow"))
        .singleElement()
        .extracting(j -> j.getMetadata().getUid())
        .isEqualTo(firstUid);
  }
}
