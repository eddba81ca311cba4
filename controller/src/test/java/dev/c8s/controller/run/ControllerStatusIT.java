package dev.c8s.controller.run;

import static dev.c8s.controller.run.Runs.config;
import static dev.c8s.controller.run.Runs.run;
import static dev.c8s.controller.run.Runs.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.controller.ControlPlaneResource;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import dev.c8s.model.v1alpha1.RunFields;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quota waits, lost Jobs, and PipelineConfig and RepositoryConnection status. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class ControllerStatusIT {
  private final KubernetesClient client = ControlPlaneResource.admin();
  private String ns;

  @BeforeEach
  void namespace() {
    ns = SharedControlPlane.get(true).newNamespace("status");
  }

  @Test
  void stepThatDoesNotFitTheQuotaWaitsThenStartsWhenRoomAppears() {
    cpuQuota("800m");
    client
        .resource(
            config(
                ns,
                "tight",
                step("first", "sleep 3"),
                step("second", "true"),
                step("join", "true", "first", "second")))
        .create();
    client.resource(run(ns, "tight-1", "tight", "main")).create();

    PipelineRun waiting =
        await()
            .ignoreExceptions()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> get("tight-1"),
                r ->
                    r.getStatus() != null
                        && r.getStatus().getSteps() != null
                        && r.getStatus().getSteps().stream()
                            .anyMatch(s -> "WaitingForQuota".equals(s.getReason())));
    StepStatus blocked =
        waiting.getStatus().getSteps().stream()
            .filter(s -> "WaitingForQuota".equals(s.getReason()))
            .findFirst()
            .orElseThrow();
    assertThat(blocked.getPhase()).isEqualTo(StepPhase.Pending);
    assertThat(blocked.getMessage()).contains("requests.cpu in ResourceQuota team-quota");

    PipelineRun done =
        await()
            .ignoreExceptions()
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> get("tight-1"),
                r -> r.getStatus().getPhase() != null && r.getStatus().getPhase().isTerminal());
    assertThat(done.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
  }

  @Test
  void pipelineConfigStatusCountsFinishedRunsAndSuccessRate() {
    client.resource(config(ns, "counted", step("only", "true"))).create();
    PipelineConfig failing = config(ns, "counted-fail", step("only", "exit 1"));
    client.resource(failing).create();
    client.resource(run(ns, "counted-1", "counted", "main")).create();
    client.resource(run(ns, "counted-2", "counted", "main")).create();

    PipelineConfig config = awaitTotalRuns("counted", 2);
    assertThat(config.getStatus().getSuccessRate()).isEqualTo(1.0);
    assertThat(config.getStatus().getLastRun()).isNotNull();

    client.resource(run(ns, "counted-fail-1", "counted-fail", "main")).create();
    PipelineConfig failed = awaitTotalRuns("counted-fail", 1);
    assertThat(failed.getStatus().getSuccessRate()).isEqualTo(0.0);
  }

  @Test
  void repositoryConnectionPublishesItsWebhookUrl() {
    RepositoryConnection connection = new RepositoryConnection();
    connection.setMetadata(new ObjectMetaBuilder().withName("repo").withNamespace(ns).build());
    RepositoryConnectionSpec spec = new RepositoryConnectionSpec();
    spec.setRepository("https://gitlab.com/org/app");
    spec.setProvider(GitProvider.GITLAB);
    connection.setSpec(spec);
    client.resource(connection).create();

    RepositoryConnection seen =
        await()
            .ignoreExceptions()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    client
                        .resources(RepositoryConnection.class)
                        .inNamespace(ns)
                        .withName("repo")
                        .get(),
                c -> c.getStatus() != null && c.getStatus().getWebhookUrl() != null);
    assertThat(seen.getStatus().getWebhookUrl())
        .isEqualTo("https://ci.example.com/webhooks/gitlab");
  }

  @Test
  void aRunIsSelectableByConfigAndPhaseFieldsAndGetsItsConfigLabelButNoPhaseLabel() {
    client.resource(config(ns, "indexed", step("only", "true"))).create();
    // As kubectl would create it: no labels at all.
    client.resource(run(ns, "indexed-1", "indexed", "main")).create();

    PipelineRun ended = RunAwaits.ended(client, ns, "indexed-1", Duration.ofSeconds(60));
    assertThat(ended.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client
                        .resources(PipelineRun.class)
                        .inNamespace(ns)
                        .withLabel(C8s.LABEL_PIPELINE_CONFIG, "indexed")
                        .list()
                        .getItems()
                        .size()
                    == 1);
    String fields =
        RunFields.phaseSelector(RunPhase.Succeeded)
            + ","
            + RunFields.equalTo(RunFields.PIPELINE_CONFIG, "indexed");
    List<PipelineRun> selected =
        client
            .resources(PipelineRun.class)
            .inNamespace(ns)
            .list(new ListOptionsBuilder().withFieldSelector(fields).build())
            .getItems();
    assertThat(selected).extracting(r -> r.getMetadata().getName()).containsExactly("indexed-1");
    assertThat(selected.get(0).getMetadata().getLabels()).doesNotContainKey(C8s.LABEL_PHASE);
  }

  @Test
  void aPhaseLabelFromBeforeFieldSelectionIsKeptCurrentSoItNeverShowsAStalePhase() {
    client.resource(config(ns, "relabelled", step("only", "true"))).create();
    PipelineRun run = run(ns, "relabelled-1", "relabelled", "main");
    // As a run labelled by an earlier release, or on a cluster without field selection.
    run.getMetadata().setLabels(Map.of(C8s.LABEL_PHASE, "Pending"));
    client.resource(run).create();

    RunAwaits.ended(client, ns, "relabelled-1", Duration.ofSeconds(60));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "Succeeded"
                    .equals(
                        client
                            .resources(PipelineRun.class)
                            .inNamespace(ns)
                            .withName("relabelled-1")
                            .get()
                            .getMetadata()
                            .getLabels()
                            .get(C8s.LABEL_PHASE)));
  }

  @Test
  void finishedRunsBeyondTheHistoryLimitAreDeletedOldestFirst() {
    PipelineConfig config = config(ns, "short-history", step("only", "true"));
    config.getSpec().setHistoryLimit(2);
    client.resource(config).create();
    for (String name : List.of("history-1", "history-2", "history-3")) {
      client.resource(run(ns, name, "short-history", "main")).create();
      RunAwaits.ended(client, ns, name, Duration.ofSeconds(60));
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client.resources(PipelineRun.class).inNamespace(ns).list().getItems().stream()
                    .map(r -> r.getMetadata().getName())
                    .sorted()
                    .toList(),
            names -> names.equals(List.of("history-2", "history-3")));
    awaitTotalRuns("short-history", 2);
  }

  @Test
  void runningStepWhoseJobIsDeletedFailsWithJobDeletedInsteadOfHanging() {
    client
        .resource(config(ns, "lost", step("slow", "sleep 600"), step("after", "true", "slow")))
        .create();
    client.resource(run(ns, "lost-1", "lost", "main")).create();
    RunAwaits.jobCreated(client, ns, "lost-1-slow");

    client.batch().v1().jobs().inNamespace(ns).withName("lost-1-slow").delete();

    PipelineRun run = RunAwaits.ended(client, ns, "lost-1", Duration.ofSeconds(60));
    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed);
    StepStatus slow = RunAwaits.stepOf(run, "slow");
    assertThat(slow.getPhase()).isEqualTo(StepPhase.Failed);
    assertThat(slow.getReason()).isEqualTo("JobDeleted");
    assertThat(slow.getMessage()).startsWith("its Job no longer exists");
    assertThat(slow.getJobName()).isEqualTo("lost-1-slow");
    assertThat(RunAwaits.stepOf(run, "after").getPhase()).isEqualTo(StepPhase.Skipped);
  }

  @Test
  void burstOfRunsInATightQuotaWaitsInTurnWithoutKubernetesRefusingAPod() {
    cpuQuota("600m");
    client.resource(config(ns, "burst", step("only", "sleep 2"))).create();
    // One run first, so the controller's quota cache surely holds the new quota.
    client.resource(run(ns, "burst-0", "burst", "main")).create();
    RunAwaits.ended(client, ns, "burst-0", Duration.ofSeconds(60));

    List<String> names = List.of("burst-1", "burst-2", "burst-3", "burst-4");
    names.forEach(name -> client.resource(run(ns, name, "burst", "main")).create());
    AtomicBoolean sawWaiting = new AtomicBoolean();
    await()
        .ignoreExceptions()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              List<PipelineRun> runs = names.stream().map(this::get).toList();
              runs.stream()
                  .flatMap(r -> r.getStatus().getSteps().stream())
                  .filter(s -> "WaitingForQuota".equals(s.getReason()))
                  .findAny()
                  .ifPresent(s -> sawWaiting.set(true));
              return runs.stream().allMatch(RunAwaits::isTerminal);
            });

    assertThat(names)
        .allSatisfy(n -> assertThat(get(n).getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));
    assertThat(sawWaiting).as("some run waited for quota").isTrue();
    assertThat(client.v1().events().inNamespace(ns).list().getItems())
        .as("pods Kubernetes refused for lack of quota")
        .noneMatch(e -> "FailedCreate".equals(e.getReason()));
  }

  private void cpuQuota(String cpu) {
    ResourceQuota quota =
        new ResourceQuotaBuilder()
            .withNewMetadata()
            .withName("team-quota")
            .withNamespace(ns)
            .endMetadata()
            .withNewSpec()
            .addToHard("requests.cpu", new Quantity(cpu))
            .endSpec()
            .build();
    client.resource(quota).create();
    await()
        .ignoreExceptions()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              ResourceQuota q = client.resource(quota).get();
              return q.getStatus() != null && q.getStatus().getHard() != null;
            });
  }

  private PipelineConfig awaitTotalRuns(String name, int finished) {
    return await()
        .ignoreExceptions()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> client.resources(PipelineConfig.class).inNamespace(ns).withName(name).get(),
            c ->
                c.getStatus() != null
                    && Integer.valueOf(finished).equals(c.getStatus().getTotalRuns()));
  }

  private PipelineRun get(String name) {
    return client.resources(PipelineRun.class).inNamespace(ns).withName(name).get();
  }
}
