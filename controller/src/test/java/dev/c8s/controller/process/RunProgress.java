package dev.c8s.controller.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Waits and checks on one run that controller processes work on, as the API server shows it. */
record RunProgress(KubernetesClient client, String namespace, String run) {

  /** The step's Job once it exists. */
  Job awaitJob(String step, Duration atMost) {
    String name = run + "-" + step;
    return await()
        .ignoreExceptions()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> client.batch().v1().jobs().inNamespace(namespace).withName(name).get(),
            j -> j != null);
  }

  /** Fails unless the run ends Succeeded within {@code atMost}. */
  void assertSucceedsWithin(Duration atMost) {
    PipelineRun done =
        await()
            .ignoreExceptions()
            .atMost(atMost)
            .until(
                () ->
                    client.resources(PipelineRun.class).inNamespace(namespace).withName(run).get(),
                r ->
                    r.getStatus() != null
                        && r.getStatus().getPhase() != null
                        && r.getStatus().getPhase().isTerminal());
    assertThat(done.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
  }

  /**
   * Fails unless the run has exactly one Job per step and {@code adopted} is the one created before
   * a controller died (same UID: adopted, not replaced).
   */
  void assertOneJobPerStep(Job adopted, String... steps) {
    List<Job> jobs =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace)
            .withLabel(C8s.LABEL_PIPELINE_RUN, run)
            .list()
            .getItems();
    assertThat(jobs)
        .extracting(j -> j.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(steps).map(s -> run + "-" + s).toList());
    assertThat(jobs)
        .filteredOn(j -> j.getMetadata().getName().equals(adopted.getMetadata().getName()))
        .singleElement()
        .extracting(j -> j.getMetadata().getUid())
        .isEqualTo(adopted.getMetadata().getUid());
  }
}
