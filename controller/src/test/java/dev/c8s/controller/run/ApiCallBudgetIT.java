package dev.c8s.controller.run;

import static dev.c8s.controller.run.Runs.config;
import static dev.c8s.controller.run.Runs.run;
import static dev.c8s.controller.run.Runs.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.controller.ControlPlaneResource;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.testing.ServiceIdentities.Service;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API calls the controller makes per step, as the API server's audit log counts them: a guard
 * against a change that quietly adds reads or writes to the hot path. The budgets are the figures
 * of docs/performance.md ("API calls per step"); raise them only with a reason written there.
 */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class ApiCallBudgetIT {
  private static final int STEPS = 3;

  /** Each step's Job, created once. */
  private static final int JOB_CREATES_PER_STEP = 1;

  /** Reads of a finished Job's pods, when the pod cache lags behind the Job: at most one. */
  private static final int POD_LISTS_PER_STEP = 1;

  /**
   * The step container's log only: the clone and transfer helpers report their output in their
   * termination messages (decision 0088). On kwok a followed log never ends (a kubelet ends it with
   * the container), so the follower is given up and the log read again: two here, one on a real
   * node.
   */
  private static final int LOG_READS_PER_STEP = 2;

  /** Status writes: started, ended, its log archived; fewer when passes combine them. */
  private static final int STATUS_WRITES_PER_STEP = 3;

  /**
   * Label patches of the run: its c8s.dev/pipeline-config label, as kubectl created it without; no
   * phase label, since the test cluster selects runs by field (decision 0086).
   */
  private static final int LABEL_PATCHES_PER_RUN = 1;

  /**
   * Everything in the run's namespace, per step, including the run's label patches and its
   * PipelineConfig's statistics (measured 8.7 on 2026-11-29; 8.3 on 2026-12-01 without phase
   * labels, decision 0086; 6.7 on 2026-12-02 with the helpers' output from their termination
   * messages, decision 0088). At most 7.5: a status write or statistics write more than measured.
   */
  private static final double ALL_CALLS_PER_STEP = 7.5;

  private final KubernetesClient client = ControlPlaneResource.admin();

  @Test
  void aThreeStepRunCostsNoMoreApiCallsPerStepThanItsBudget() {
    String ns = SharedControlPlane.get(true).newNamespace("budget");
    client
        .resource(
            config(
                ns,
                "chain",
                step("one", "true"),
                step("two", "true", "one"),
                step("three", "true", "two")))
        .create();
    client.resource(run(ns, "chain-1", "chain", "main")).create();
    assertThat(
            RunAwaits.ended(client, ns, "chain-1", Duration.ofSeconds(90)).getStatus().getPhase())
        .isEqualTo(RunPhase.Succeeded);

    Map<String, Integer> calls = settledCounts(ns);
    int total = calls.values().stream().mapToInt(Integer::intValue).sum();
    String seen = "controller calls in the run's namespace: " + calls;
    assertThat(calls.getOrDefault("create jobs", 0))
        .as(seen)
        .isEqualTo(STEPS * JOB_CREATES_PER_STEP);
    assertThat(calls.getOrDefault("list pods", 0))
        .as(seen)
        .isLessThanOrEqualTo(STEPS * POD_LISTS_PER_STEP);
    assertThat(calls.getOrDefault("get pods/log", 0))
        .as(seen)
        .isLessThanOrEqualTo(STEPS * LOG_READS_PER_STEP);
    assertThat(
            calls.getOrDefault("apply pipelineruns/status", 0)
                + calls.getOrDefault("patch pipelineruns/status", 0))
        .as(seen)
        .isLessThanOrEqualTo(STEPS * STATUS_WRITES_PER_STEP);
    assertThat(calls.getOrDefault("patch pipelineruns", 0))
        .as(seen)
        .isLessThanOrEqualTo(LABEL_PATCHES_PER_RUN);
    assertThat((double) total / STEPS).as(seen).isLessThanOrEqualTo(ALL_CALLS_PER_STEP);
    System.out.printf(
        "API calls per step (%d steps): %.1f, %s%n", STEPS, (double) total / STEPS, calls);
  }

  /** The controller's calls in {@code ns} once they stop changing (archives end after the run). */
  private static Map<String, Integer> settledCounts(String ns) {
    return SharedControlPlane.get(true)
        .audit()
        .settledCountsBy(Service.CONTROLLER.userName(), ns, Duration.ofSeconds(30));
  }
}
