package dev.c8s.controller.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The quota check counts a pod the way the quota admission plugin does. */
class QuotaFitTest {

  @Test
  void podWithinWhatIsLeftFits() {
    assertThat(QuotaFit.shortage(List.of(quota("1", "400m")), pod("500m"))).isEmpty();
  }

  @Test
  void podAskingMoreThanIsLeftNamesTheQuotaAndTheShortage() {
    assertThat(QuotaFit.shortage(List.of(quota("1", "600m")), pod("500m")))
        .contains("requests.cpu in ResourceQuota team: needs 0.5, 0.4 left");
  }

  @Test
  void podsCreatedSinceTheQuotaWasReadCountAsUsed() {
    ResourceQuota quota = quota("800m", "0");
    assertThat(QuotaFit.shortage(List.of(quota), pod("500m"), List.of())).isEmpty();
    assertThat(QuotaFit.shortage(List.of(quota), pod("500m"), List.of(pod("500m"))))
        .contains("requests.cpu in ResourceQuota team: needs 0.5, 0.3 left");
  }

  @Test
  void initContainersCountByTheirLargestRequestNotTheirSum() {
    PodSpec pod =
        new PodSpecBuilder()
            .withInitContainers(container("700m"), container("700m"))
            .withContainers(container("100m"))
            .build();
    assertThat(QuotaFit.shortage(List.of(quota("1", "200m")), pod)).isEmpty();
    assertThat(QuotaFit.shortage(List.of(quota("1", "400m")), pod)).isPresent();
  }

  @Test
  void quotaNotYetComputedByTheQuotaControllerIsNotGuessedAt() {
    ResourceQuota unsynced =
        new ResourceQuotaBuilder()
            .withNewMetadata()
            .withName("new")
            .endMetadata()
            .withNewSpec()
            .addToHard("requests.cpu", new Quantity("1m"))
            .endSpec()
            .build();
    assertThat(QuotaFit.shortage(List.of(unsynced), pod("500m"))).isEmpty();
  }

  @Test
  void podCountQuotaCountsOnePodPerStep() {
    ResourceQuota pods =
        new ResourceQuotaBuilder()
            .withNewMetadata()
            .withName("pods")
            .endMetadata()
            .withNewStatus()
            .withHard(Map.of("pods", new Quantity("2")))
            .withUsed(Map.of("pods", new Quantity("1")))
            .endStatus()
            .build();
    assertThat(QuotaFit.shortage(List.of(pods), pod("1"))).isEmpty();
    assertThat(QuotaFit.shortage(List.of(pods), pod("1"), List.of(pod("1"))))
        .contains("pods in ResourceQuota pods: needs 1, 0 left");
  }

  @Test
  void uncountedPodsOfExistingJobsDoNotCountTheirJobsTwice() {
    ResourceQuota jobs =
        new ResourceQuotaBuilder()
            .withNewMetadata()
            .withName("jobs")
            .endMetadata()
            .withNewStatus()
            .withHard(Map.of("count/jobs.batch", new Quantity("2")))
            .withUsed(Map.of("count/jobs.batch", new Quantity("1")))
            .endStatus()
            .build();
    // the one Job in "used" is the uncounted pod's own Job
    assertThat(QuotaFit.shortage(List.of(jobs), pod("1"), List.of(pod("1")))).isEmpty();
  }

  private static ResourceQuota quota(String hard, String used) {
    return new ResourceQuotaBuilder()
        .withNewMetadata()
        .withName("team")
        .endMetadata()
        .withNewStatus()
        .withHard(Map.of("requests.cpu", new Quantity(hard)))
        .withUsed(Map.of("requests.cpu", new Quantity(used)))
        .endStatus()
        .build();
  }

  private static PodSpec pod(String cpu) {
    return new PodSpecBuilder().withContainers(container(cpu)).build();
  }

  private static Container container(String cpu) {
    return new ContainerBuilder()
        .withName("c")
        .withNewResources()
        .addToRequests("cpu", new Quantity(cpu))
        .endResources()
        .build();
  }
}
