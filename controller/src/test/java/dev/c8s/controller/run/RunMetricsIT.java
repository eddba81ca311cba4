package dev.c8s.controller.run;

import static dev.c8s.controller.run.Runs.config;
import static dev.c8s.controller.run.Runs.run;
import static dev.c8s.controller.run.Runs.step;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.c8s.controller.ControlPlaneResource;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The controller's Prometheus metrics count what the API server stored, nothing else. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class RunMetricsIT {
  private static final String SUCCEEDED = "c8s_pipelineruns_finished_total{phase=\"Succeeded\"}";
  private static final String RUNNING = "c8s_pipelineruns_running";

  private final KubernetesClient client = ControlPlaneResource.admin();
  private String ns;

  @BeforeEach
  void namespace() {
    ns = SharedControlPlane.get(true).newNamespace("metrics");
  }

  @Test
  void metricsEndpointExposesRunOutcomesAndDurations() {
    client.resource(config(ns, "measured", step("only", "true"))).create();
    client.resource(run(ns, "measured-1", "measured", "main")).create();
    RunAwaits.ended(client, ns, "measured-1", Duration.ofSeconds(60));
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString(SUCCEEDED))
        .body(containsString("c8s_pipelinerun_duration_seconds_bucket"))
        .body(containsString("c8s_step_duration_seconds_count"))
        .body(containsString("c8s_pipelinerun_queue_wait_seconds_count"))
        .body(containsString(RUNNING))
        .body(containsString("c8s_steps_waiting_for_quota"))
        .body(containsString("c8s_reconcile_seconds_count{controller=\"pipelinerun\"}"));
  }

  @Test
  void aRunDeletedWhileRunningLeavesTheRunningGauge() {
    double before = metric(RUNNING);
    client.resource(config(ns, "deleted", step("slow", "sleep 600"))).create();
    client.resource(run(ns, "deleted-1", "deleted", "main")).create();
    await().atMost(Duration.ofSeconds(60)).until(() -> metric(RUNNING) == before + 1);

    client.resources(PipelineRun.class).inNamespace(ns).withName("deleted-1").delete();

    await().atMost(Duration.ofSeconds(60)).until(() -> metric(RUNNING) == before);
  }

  @Test
  void aFinishTheApiServerRefusesIsNotCountedUntilItIsStored() {
    try (StatusWriteRefusal refusal = StatusWriteRefusal.install(client, ns)) {
      client.resource(config(ns, "refused", step("only", "sleep 2"))).create();
      PipelineRun run = run(ns, "refused-1", "refused", "main");
      run.getMetadata().setLabels(Map.of(StatusWriteRefusal.LABEL, "true"));
      double before = metric(SUCCEEDED);
      client.resource(run).create();

      PipelineRun stuck =
          RunAwaits.until(
              client,
              ns,
              "refused-1",
              Duration.ofSeconds(60),
              r ->
                  r.getStatus() != null
                      && r.getStatus().getConditions().stream()
                          .anyMatch(
                              c ->
                                  "ReconcileFailure".equals(c.getType())
                                      && c.getMessage().contains(StatusWriteRefusal.MESSAGE)));
      assertThat(stuck.getStatus().getPhase()).isEqualTo(RunPhase.Running);
      assertThat(metric(SUCCEEDED)).as("a finish the API server refused").isEqualTo(before);

      client
          .resources(PipelineRun.class)
          .inNamespace(ns)
          .withName("refused-1")
          .edit(
              r -> {
                r.getMetadata().getLabels().remove(StatusWriteRefusal.LABEL);
                return r;
              });
      PipelineRun ended = RunAwaits.ended(client, ns, "refused-1", Duration.ofSeconds(120));
      assertThat(ended.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
      await().atMost(Duration.ofSeconds(10)).until(() -> metric(SUCCEEDED) == before + 1);
      assertThat(metric(SUCCEEDED)).as("counted once").isEqualTo(before + 1);
    }
  }

  /** The value of one sample on the controller's Prometheus endpoint, 0 while it is absent. */
  private static double metric(String sample) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(l -> l.startsWith(sample + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(sample.length() + 1).trim()))
        .findFirst()
        .orElse(0);
  }
}
