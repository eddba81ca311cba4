package dev.c8s.controller.run;

import static dev.c8s.controller.run.Runs.config;
import static dev.c8s.controller.run.Runs.run;
import static dev.c8s.controller.run.Runs.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.controller.ControlPlaneResource;
import dev.c8s.model.engine.RunReason;
import dev.c8s.model.engine.StepReason;
import dev.c8s.model.v1alpha1.Kueue;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepResources;
import dev.c8s.testing.KueueServer;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With a real Kueue: step Jobs of a pipeline with {@code spec.kueue} are created suspended in the
 * LocalQueue, and a step waits, without its timeout running, until Kueue admits it under quota.
 */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class KueueAdmissionIT {
  private static final Duration AT_MOST = Duration.ofSeconds(120);
  private static KueueServer kueue;
  private final KubernetesClient client = ControlPlaneResource.admin();

  @BeforeAll
  static void startKueue() {
    kueue = KueueServer.start(SharedControlPlane.get(true));
  }

  @AfterAll
  static void stopKueue() {
    kueue.close();
  }

  @Test
  void aStepBeyondTheQueuesQuotaWaitsForAdmissionAndRunsWhenQuotaFrees() {
    String ns = SharedControlPlane.get(true).newNamespace("kueue");
    // One CPU: room for one step of 1 CPU at a time.
    kueue.queue(ns, "ci", "1", "2Gi");
    var build = step("build", "sleep 4");
    build.setResources(new StepResources("1", "256Mi"));
    PipelineConfig config = config(ns, "app", build);
    Kueue queue = new Kueue();
    queue.setQueueName("ci");
    config.getSpec().setKueue(queue);
    client.resource(config).create();

    client.resource(run(ns, "app-1", "app", "main")).create();
    RunAwaits.until(
        client,
        ns,
        "app-1",
        AT_MOST,
        r -> r.getStatus() != null && r.getStatus().getPhase() == RunPhase.Running);
    client.resource(run(ns, "app-2", "app", "main")).create();
    PipelineRun waiting =
        RunAwaits.until(
            client,
            ns,
            "app-2",
            AT_MOST,
            r ->
                r.getStatus() != null
                    && r.getStatus().getSteps() != null
                    && StepReason.WaitingForAdmission.name()
                        .equals(RunAwaits.stepOf(r, "build").getReason()));

    Job job = client.batch().v1().jobs().inNamespace(ns).withName("app-2-build").get();
    assertThat(job.getMetadata().getLabels()).containsEntry(Kueue.QUEUE_LABEL, "ci");
    assertThat(job.getSpec().getSuspend()).isTrue();
    assertThat(waiting.getStatus().getPhase()).isEqualTo(RunPhase.Pending);
    assertThat(waiting.getStatus().getConditions().get(0).getReason())
        .isEqualTo(RunReason.Pending.name());
    assertThat(RunAwaits.stepOf(waiting, "build").getStartTime()).isNull();
    assertThat(RunAwaits.stepOf(waiting, "build").getMessage()).contains("LocalQueue ci");

    PipelineRun first = RunAwaits.ended(client, ns, "app-1", AT_MOST);
    PipelineRun second = RunAwaits.ended(client, ns, "app-2", AT_MOST);

    assertThat(first.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
    assertThat(second.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
    assertThat(RunAwaits.stepOf(second, "build").getStartTime())
        .isAfterOrEqualTo(RunAwaits.stepOf(first, "build").getCompletionTime());
  }
}
