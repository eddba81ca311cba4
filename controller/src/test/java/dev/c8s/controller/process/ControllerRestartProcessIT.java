package dev.c8s.controller.process;

import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A controller killed mid-run and started again finishes the run without duplicating a Job. */
class ControllerRestartProcessIT {

  @Test
  void killedControllerRestartsAndFinishesTheRunWithOneJobPerStep() {
    ControlPlane plane = SharedControlPlane.get(true);
    S3ProxyServer s3 = S3ProxyServer.shared();
    RunProgress run = RunProgress.slowThenQuick(plane, "restart");
    run.start();
    Path log = Path.of("target/controller-restart.log");
    // no Lease left by another test's controller; the killed one still holds its Lease until it
    // expires, which the restarted controller (a new identity) waits out
    ControllerProcess.deleteLease(plane);

    Job slow;
    try (ControllerProcess first = ControllerProcess.start(plane, s3, log)) {
      slow = run.awaitJob("slow", Duration.ofSeconds(90));
      first.kill();
    }

    try (ControllerProcess second = ControllerProcess.start(plane, s3, log)) {
      run.assertSucceedsWithin(Duration.ofSeconds(120));
    }
    run.assertOneJobPerStep(slow, "slow", "after");
  }
}
