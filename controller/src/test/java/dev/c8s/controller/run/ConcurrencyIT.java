package dev.c8s.controller.run;

import static dev.c8s.controller.run.Runs.config;
import static dev.c8s.controller.run.Runs.run;
import static dev.c8s.controller.run.Runs.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.controller.ControlPlaneResource;
import dev.c8s.model.engine.RunReason;
import dev.c8s.model.v1alpha1.Concurrency;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concurrency limits against the real API server: queued in fair order, or superseded. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class ConcurrencyIT {
  private static final Duration AT_MOST = Duration.ofSeconds(90);
  private final KubernetesClient client = ControlPlaneResource.admin();
  private String ns;

  @BeforeEach
  void namespace() {
    ns = SharedControlPlane.get(true).newNamespace("limits");
  }

  private void pipeline(String sleep, int limit, Concurrency.Scope per, Concurrency.Policy policy) {
    PipelineConfig config = config(ns, "app", step("build", "sleep " + sleep));
    Concurrency concurrency = new Concurrency();
    concurrency.setLimit(limit);
    concurrency.setPer(per);
    concurrency.setPolicy(policy);
    config.getSpec().setConcurrency(concurrency);
    client.resource(config).create();
  }

  private void start(String name, String branch) {
    client.resource(run(ns, name, "app", branch)).create();
  }

  private PipelineRun until(String name, java.util.function.Predicate<PipelineRun> condition) {
    return RunAwaits.until(client, ns, name, AT_MOST, condition);
  }

  private static boolean queuedAt(PipelineRun run, int position) {
    return run.getStatus() != null
        && run.getStatus().getPhase() == RunPhase.Pending
        && Integer.valueOf(position).equals(run.getStatus().getQueuePosition());
  }

  @Test
  void runsBeyondTheLimitWaitQueuedWithTheirPositionAndNeverOverlap() {
    pipeline("2", 1, null, null);
    start("r1", "main");
    until("r1", r -> r.getStatus() != null && r.getStatus().getPhase() == RunPhase.Running);
    start("r2", "main");
    start("r3", "main");

    PipelineRun second = until("r2", r -> queuedAt(r, 1));
    PipelineRun third = until("r3", r -> queuedAt(r, 2));

    assertThat(second.getStatus().getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo(RunStatusBuilder.QUEUED);
              assertThat(c.getReason()).isEqualTo(RunReason.Queued.name());
              assertThat(c.getMessage())
                  .isEqualTo(
                      "queued at position 1: 1 of at most 1 run(s) of this pipeline are running"
                          + " (spec.concurrency)");
            });
    assertThat(third.getStatus().getSteps()).isNullOrEmpty();
    List<PipelineRun> ended =
        List.of("r1", "r2", "r3").stream()
            .map(name -> RunAwaits.ended(client, ns, name, AT_MOST))
            .toList();
    assertThat(ended)
        .allSatisfy(r -> assertThat(r.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));
    for (int i = 1; i < ended.size(); i++) {
      assertThat(ended.get(i).getStatus().getStartTime())
          .as("run %d starts after run %d ended", i + 1, i)
          .isAfterOrEqualTo(ended.get(i - 1).getStatus().getCompletionTime());
    }
    assertThat(ended.get(2).getStatus().getQueuePosition()).isNull();
    assertThat(ended.get(2).getStatus().getConditions())
        .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Queued=FALSE"));
  }

  @Test
  void aBranchWithRunsWaitingDoesNotHoldAnotherBranchBack() {
    pipeline("2", 1, null, null);
    start("main-1", "main");
    until("main-1", r -> r.getStatus() != null && r.getStatus().getPhase() == RunPhase.Running);
    start("main-2", "main");
    start("main-3", "main");
    until("main-3", r -> queuedAt(r, 2));
    start("other-1", "feature");

    until("other-1", r -> queuedAt(r, 1));
    List<PipelineRun> ended =
        List.of("main-1", "main-2", "main-3", "other-1").stream()
            .map(name -> RunAwaits.ended(client, ns, name, AT_MOST))
            .toList();

    assertThat(
            ended.stream()
                .sorted(Comparator.comparing(r -> r.getStatus().getStartTime()))
                .map(r -> r.getMetadata().getName()))
        .containsExactly("main-1", "other-1", "main-2", "main-3");
  }

  @Test
  void cancelInProgressSupersedesTheOlderRunOfTheSameBranchOnly() {
    pipeline("30", 1, Concurrency.Scope.Branch, Concurrency.Policy.CancelInProgress);
    start("main-1", "main");
    start("feature-1", "feature");
    until("main-1", r -> r.getStatus() != null && r.getStatus().getPhase() == RunPhase.Running);
    until("feature-1", r -> r.getStatus() != null && r.getStatus().getPhase() == RunPhase.Running);

    start("main-2", "main");

    PipelineRun superseded = RunAwaits.ended(client, ns, "main-1", AT_MOST);
    assertThat(superseded.getStatus().getPhase()).isEqualTo(RunPhase.Cancelled);
    assertThat(superseded.getStatus().getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo(RunStatusBuilder.SUCCEEDED);
              assertThat(c.getReason()).isEqualTo(RunReason.Superseded.name());
              assertThat(c.getMessage()).contains("main-2");
            });
    assertThat(
            until(
                "main-2",
                r -> r.getStatus() != null && r.getStatus().getPhase() == RunPhase.Running))
        .isNotNull();
    assertThat(
            client
                .resources(PipelineRun.class)
                .inNamespace(ns)
                .withName("feature-1")
                .get()
                .getStatus()
                .getPhase())
        .isEqualTo(RunPhase.Running);
  }
}
