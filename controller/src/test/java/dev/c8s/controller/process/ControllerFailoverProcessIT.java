package dev.c8s.controller.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.controller.bench.ReconcileTimes;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two packaged controllers share the Lease: only the holder reconciles, the standby is ready but
 * idle, and when the leader is killed mid-run the standby takes the Lease and finishes the run.
 */
class ControllerFailoverProcessIT {
  private static final Duration STARTUP = Duration.ofSeconds(120);

  @Test
  void standbyTakesOverFromAKilledLeaderAndFinishesItsRunWithOneJobPerStep() throws Exception {
    ControlPlane plane = SharedControlPlane.get(true);
    S3ProxyServer s3 = S3ProxyServer.shared();
    RunProgress run = RunProgress.slowThenQuick(plane, "failover");
    ControllerProcess.deleteLease(plane);

    // one after the other: each creates the S3 buckets at startup when they are missing, and two
    // doing so at once race (the loser's create is refused and its startup fails)
    try (ControllerProcess a = ControllerProcess.startReady(plane, s3, "controller-a");
        ControllerProcess b = ControllerProcess.startReady(plane, s3, "controller-b")) {
      // both answered their readiness probe, the standby too: otherwise a rolling update
      // (maxUnavailable 0) could never finish while the old pod holds the Lease
      String leaderName =
          await()
              .ignoreExceptions()
              .atMost(STARTUP)
              .until(
                  () -> ControllerProcess.leaseHolder(plane),
                  h -> h != null && h.startsWith("controller-"));
      ControllerProcess leader = leaderName.equals("controller-a") ? a : b;
      ControllerProcess standby = leader == a ? b : a;

      run.start();
      Job slow = run.awaitJob("slow", Duration.ofSeconds(90));
      // the timer records when the reconciliation that created the Job returns
      await().atMost(Duration.ofSeconds(30)).until(() -> reconciliations(leader) > 0);
      assertThat(reconciliations(standby)).as("standby reconciliations").isZero();
      assertThat(ControllerProcess.leaseHolder(plane)).isEqualTo(leaderName);

      long killedAt = System.nanoTime();
      leader.kill();
      String standbyName = leader == a ? "controller-b" : "controller-a";
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> standbyName.equals(ControllerProcess.leaseHolder(plane)));
      long leaseTakenMs = millisSince(killedAt);
      run.awaitJob("after", Duration.ofSeconds(90));
      long nextJobMs = millisSince(killedAt);
      System.out.printf(
          "failover: kill -> Lease held by %s %d ms, kill -> next Job %d ms%n",
          standbyName, leaseTakenMs, nextJobMs);

      run.assertSucceedsWithin(Duration.ofSeconds(120));
      assertThat(reconciliations(standby)).as("new leader reconciliations").isPositive();
      run.assertOneJobPerStep(slow, "slow", "after");
    }
  }

  /** Reconciliations of PipelineRuns this process made, from its own Prometheus metrics. */
  private static long reconciliations(ControllerProcess process) throws Exception {
    return ReconcileTimes.parse(process.get("/q/metrics").body()).count();
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
