package dev.c8s.controller.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.controller.config.LeaderElection;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.ServiceIdentities;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged controller under the chart's ServiceAccount and RBAC keeps its Lease across many
 * renewals, and a SIGTERM ends it within seconds with the Lease handed to the standby at once.
 */
class ControllerLeaseProcessIT {
  /** Lease duration 15 s, renewal every 2 s: 40 s spans 20 renewals and over two durations. */
  private static final Duration SEVERAL_RENEWALS = Duration.ofSeconds(40);

  private final ControlPlane plane = SharedControlPlane.get(true);
  private final S3ProxyServer s3 = S3ProxyServer.shared();

  @BeforeEach
  void noLeaseLeftByAnotherTest() {
    ControllerProcess.deleteLease(plane);
  }

  @Test
  void leaderKeepsTheLeaseAcrossRenewalsAndKeepsReconciling() throws Exception {
    try (ControllerProcess leader = ControllerProcess.startReady(plane, s3, "lease-keeper")) {
      await().atMost(Duration.ofSeconds(30)).until(() -> "lease-keeper".equals(holder()));
      ZonedDateTime firstRenewal = lease().getSpec().getRenewTime();

      await()
          .during(SEVERAL_RENEWALS)
          .atMost(SEVERAL_RENEWALS.plusSeconds(10))
          .until(() -> leader.isAlive() && "lease-keeper".equals(holder()));

      assertThat(lease().getSpec().getRenewTime())
          .isAfter(firstRenewal.plus(SEVERAL_RENEWALS.minusSeconds(5)));
      assertThat(Files.readString(leader.log())).doesNotContain("forbidden", "Exiting");
      RunProgress run = RunProgress.slowThenQuick(plane, "lease-keeper");
      run.start();
      run.assertSucceedsWithin(Duration.ofSeconds(90));
    }
  }

  @Test
  void sigtermMidRunExitsInSecondsReleasesTheLeaseAndTheStandbyFinishesTheRun() throws Exception {
    try (ControllerProcess leader = ControllerProcess.startReady(plane, s3, "leader-a");
        ControllerProcess standby = ControllerProcess.startReady(plane, s3, "standby-b")) {
      await().atMost(Duration.ofSeconds(30)).until(() -> "leader-a".equals(holder()));
      RunProgress run = RunProgress.slowThenQuick(plane, "sigterm");
      run.start();
      Job slow = run.awaitJob("slow", Duration.ofSeconds(60));

      long terminatedAt = System.nanoTime();
      leader.terminate();
      assertThat(leader.awaitExit(Duration.ofSeconds(10)))
          .as("leader exited within 10 s of SIGTERM")
          .isTrue();
      long exitMs = millisSince(terminatedAt);
      // The standby asks every 2 s (about 2 s on a quiet machine, printed below); on a loaded one
      // the
      // release itself can be late, and the Lease's own 15 s expiry still hands it over.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> "standby-b".equals(holder()));
      long takeoverMs = millisSince(terminatedAt);
      System.out.printf(
          "SIGTERM -> leader exited %d ms, -> standby holds the Lease %d ms%n", exitMs, takeoverMs);

      assertThat(Files.readString(leader.log())).contains("Released the Lease");
      run.assertSucceedsWithin(Duration.ofSeconds(90));
      run.assertOneJobPerStep(slow, "slow", "after");
      assertThat(standby.isAlive()).isTrue();
    }
  }

  private Lease lease() {
    return plane
        .client()
        .resources(Lease.class)
        .inNamespace(ServiceIdentities.RELEASE_NAMESPACE)
        .withName(LeaderElection.LEASE)
        .get();
  }

  private String holder() {
    return ControllerProcess.leaseHolder(plane);
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
