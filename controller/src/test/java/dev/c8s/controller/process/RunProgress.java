package dev.c8s.controller.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.controller.run.RunAwaits;
import dev.c8s.controller.run.Runs;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Waits and checks on one run that controller processes work on, as the API server shows it. */
record RunProgress(KubernetesClient client, String namespace, String pipeline, String run) {

  /**
   * A fresh namespace with the pipeline {@code name}: step {@code slow} takes 8 s under kwok, long
   * enough to kill a controller while it runs, and {@code after} follows it; the run {@code
   * <name>-1} is created by {@link #start()}.
   */
  static RunProgress slowThenQuick(ControlPlane plane, String name) {
    String namespace = plane.newNamespace(name);
    plane
        .client()
        .resource(
            Runs.config(namespace, name, Runs.step("slow", "sleep 8"), Runs.step("after", "true")))
        .create();
    return new RunProgress(plane.client(), namespace, name, name + "-1");
  }

  /** Creates the run. */
  void start() {
    client.resource(Runs.run(namespace, run, pipeline, "main")).create();
  }

  /** The step's Job once it exists. */
  Job awaitJob(String step, Duration atMost) {
    return RunAwaits.jobCreated(client, namespace, run + "-" + step, atMost);
  }

  /** Fails unless the run ends Succeeded within {@code atMost}, whether or not its logs are in. */
  void assertSucceedsWithin(Duration atMost) {
    PipelineRun done = RunAwaits.until(client, namespace, run, atMost, RunAwaits::isTerminal);
    assertThat(done.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
  }

  /**
   * Fails unless the run has exactly one Job per step and {@code adopted} is the one created before
   * a controller died (same UID: adopted, not replaced).
   */
  void assertOneJobPerStep(Job adopted, String... steps) {
    List<Job> jobs = RunAwaits.jobsOf(client, namespace, run);
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
