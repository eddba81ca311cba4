package dev.c8s.controller.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class RunEventSourcesTest {

  @Test
  void aStepPodIsIndexedByItsNamespaceAndTheNameOfItsJob() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace("team")
            .withName("run-1-build-x7k2p")
            .addToLabels(RunEventSources.JOB_NAME_LABEL, "run-1-build")
            .endMetadata()
            .build();

    assertThat(RunEventSources.jobOfPod(pod)).containsExactly("team/run-1-build");
  }

  @Test
  void aPodNoJobCreatedIsInNoJobsEntry() {
    Pod bare = new PodBuilder().withNewMetadata().withNamespace("team").endMetadata().build();
    Pod otherLabels =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace("team")
            .addToLabels("app", "x")
            .endMetadata()
            .build();

    assertThat(RunEventSources.jobOfPod(bare)).isEmpty();
    assertThat(RunEventSources.jobOfPod(otherLabels)).isEmpty();
  }
}
