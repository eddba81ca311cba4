package dev.c8s.controller.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger of step pods created that the cached ResourceQuotas do not count yet. */
class QuotaReservationsTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static final List<ResourceQuota> QUOTAS = List.of(quota("cpu", "7"), quota("pods", "3"));
  private static final PodSpec POD = pod("build");

  private final QuotaReservations reservations = new QuotaReservations();

  @Test
  void aNamespaceWithoutReservationsHasNothingPending() {
    assertThat(reservations.pending("team", QUOTAS, NOW)).isEmpty();
  }

  @Test
  void aReservedPodCountsInItsNamespaceOnly() {
    reservations.reserve("team", "r-1-build", POD, QUOTAS, NOW);

    assertThat(reservations.pending("team", QUOTAS, NOW.plusSeconds(5))).containsExactly(POD);
    assertThat(reservations.pending("other", QUOTAS, NOW.plusSeconds(5))).isEmpty();
  }

  @Test
  void reservingTheSameJobAgainCountsItsPodOnce() {
    reservations.reserve("team", "r-1-build", POD, QUOTAS, NOW);
    reservations.reserve("team", "r-1-build", POD, QUOTAS, NOW.plusSeconds(1));

    assertThat(reservations.pending("team", QUOTAS, NOW.plusSeconds(2))).hasSize(1);
  }

  @Test
  void aReleasedReservationNoLongerCounts() {
    PodSpec other = pod("test");
    reservations.reserve("team", "r-1-build", POD, QUOTAS, NOW);
    reservations.reserve("team", "r-1-test", other, QUOTAS, NOW);

    reservations.release("team", "r-1-build");
    reservations.release("team", "r-9-unknown");
    reservations.release("nobody-reserved-here", "r-1-build");

    assertThat(reservations.pending("team", QUOTAS, NOW)).containsExactly(other);
  }

  @Test
  void aReservationEndsOnceItsPodExistsAndTheCachedQuotaChangedSince() {
    reservations.reserve("team", "r-1-build", POD, QUOTAS, NOW);
    reservations.observed(job("team", "r-1-build", new JobStatusBuilder().withActive(1).build()));

    assertThat(reservations.pending("team", QUOTAS, NOW)).as("quota not updated yet").hasSize(1);
    List<ResourceQuota> updated = List.of(quota("cpu", "8"), quota("pods", "3"));
    assertThat(reservations.pending("team", updated, NOW)).isEmpty();
  }

  @Test
  void aQuotaChangeBeforeThePodExistsDoesNotEndTheReservation() {
    reservations.reserve("team", "r-1-build", POD, QUOTAS, NOW);
    reservations.observed(job("team", "r-1-build", new JobStatusBuilder().build()));
    reservations.observed(job("team", "r-1-build", null));

    List<ResourceQuota> updated = List.of(quota("cpu", "8"), quota("pods", "3"));
    assertThat(reservations.pending("team", updated, NOW)).containsExactly(POD);
  }

  @Test
  void anyCountOfPodsInTheJobStatusShowsThePodExists() {
    List<JobStatus> statuses =
        List.of(
            new JobStatusBuilder().withSucceeded(1).build(),
            new JobStatusBuilder().withFailed(1).build(),
            new JobStatusBuilder().withReady(1).build(),
            new JobStatusBuilder().withTerminating(1).build());
    List<ResourceQuota> updated = List.of(quota("cpu", "8"), quota("pods", "3"));
    for (JobStatus status : statuses) {
      QuotaReservations ledger = new QuotaReservations();
      ledger.reserve("team", "r-1-build", POD, QUOTAS, NOW);
      ledger.observed(job("team", "r-1-build", status));

      assertThat(ledger.pending("team", updated, NOW)).as(status.toString()).isEmpty();
    }
  }

  @Test
  void thePodOfAnotherJobOrNamespaceDoesNotEndAReservation() {
    reservations.reserve("team", "r-1-build", POD, QUOTAS, NOW);
    reservations.observed(job("team", "r-2-build", new JobStatusBuilder().withActive(1).build()));
    reservations.observed(job("other", "r-1-build", new JobStatusBuilder().withActive(1).build()));

    List<ResourceQuota> updated = List.of(quota("cpu", "8"), quota("pods", "3"));
    assertThat(reservations.pending("team", updated, NOW)).containsExactly(POD);
  }

  @Test
  void theCacheListingTheSameQuotasInAnotherOrderIsNoChange() {
    reservations.reserve("team", "r-1-build", POD, QUOTAS, NOW);
    reservations.observed(job("team", "r-1-build", new JobStatusBuilder().withActive(1).build()));

    assertThat(reservations.pending("team", List.of(QUOTAS.get(1), QUOTAS.get(0)), NOW))
        .containsExactly(POD);
  }

  @Test
  void aReservationIsDroppedAMinuteAfterItWasMadeWhateverHappened() {
    reservations.reserve("team", "r-1-build", POD, QUOTAS, NOW);

    assertThat(reservations.pending("team", QUOTAS, NOW.plus(Duration.ofMinutes(1)))).hasSize(1);
    assertThat(reservations.pending("team", QUOTAS, NOW.plus(Duration.ofSeconds(61)))).isEmpty();
  }

  @Test
  void eachNamespaceHasOneLockOfItsOwn() {
    Object team = reservations.lock("team");

    assertThat(reservations.lock("team")).isSameAs(team);
    assertThat(reservations.lock("other")).isNotSameAs(team);
    reservations.reserve("team", "r-1-build", POD, QUOTAS, NOW);
    assertThat(reservations.lock("team")).isSameAs(team);
  }

  private static Job job(String namespace, String name, JobStatus status) {
    return new JobBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withStatus(status)
        .build();
  }

  private static ResourceQuota quota(String name, String resourceVersion) {
    return new ResourceQuotaBuilder()
        .withNewMetadata()
        .withName(name)
        .withResourceVersion(resourceVersion)
        .endMetadata()
        .build();
  }

  private static PodSpec pod(String container) {
    return new PodSpecBuilder().addNewContainer().withName(container).endContainer().build();
  }
}
