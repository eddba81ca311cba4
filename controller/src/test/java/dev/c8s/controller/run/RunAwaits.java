package dev.c8s.controller.run;

import static org.awaitility.Awaitility.await;

import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.LogsArchived;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.StepStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Waiting for runs to reach a state, as the controller tests all do, and reading what they show.
 */
public final class RunAwaits {
  private RunAwaits() {}

  /** Polls the run until {@code condition} holds; API hiccups while polling are ignored. */
  public static PipelineRun until(
      KubernetesClient client,
      String namespace,
      String name,
      Duration atMost,
      Predicate<PipelineRun> condition) {
    return await()
        .ignoreExceptions()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> client.resources(PipelineRun.class).inNamespace(namespace).withName(name).get(),
            r -> r != null && condition.test(r));
  }

  /**
   * Polls the run until it has ended, whatever the outcome, and no log of it is still being
   * archived (logs are archived after their steps end).
   */
  public static PipelineRun ended(
      KubernetesClient client, String namespace, String name, Duration atMost) {
    return until(client, namespace, name, atMost, LogsArchived::endedWithLogs);
  }

  public static boolean isTerminal(PipelineRun run) {
    return run.getStatus() != null
        && run.getStatus().getPhase() != null
        && run.getStatus().getPhase().isTerminal();
  }

  public static StepStatus stepOf(PipelineRun run, String name) {
    List<StepStatus> steps = run.getStatus().getSteps();
    return steps.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  /** Polls until the named Job exists and returns it. */
  public static Job jobCreated(KubernetesClient client, String namespace, String name) {
    return jobCreated(client, namespace, name, Duration.ofSeconds(90));
  }

  /** Polls until the named Job exists, for at most {@code atMost}, and returns it. */
  public static Job jobCreated(
      KubernetesClient client, String namespace, String name, Duration atMost) {
    return await()
        .ignoreExceptions()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> client.batch().v1().jobs().inNamespace(namespace).withName(name).get(),
            j -> j != null);
  }

  /** Polls until the named Job no longer exists. */
  public static void jobGone(KubernetesClient client, String namespace, String name) {
    await()
        .ignoreExceptions()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> client.batch().v1().jobs().inNamespace(namespace).withName(name).get() == null);
  }

  /** The Jobs that exist for a run, by their labels. */
  public static List<Job> jobsOf(KubernetesClient client, String namespace, String run) {
    return client
        .batch()
        .v1()
        .jobs()
        .inNamespace(namespace)
        .withLabel(C8s.LABEL_PIPELINE_RUN, run)
        .list()
        .getItems();
  }
}
