package dev.c8s.controller.run;

import static dev.c8s.controller.faults.FaultInjectingWebhook.CONFLICT;
import static dev.c8s.controller.faults.FaultInjectingWebhook.LEADER_CHANGED;
import static dev.c8s.controller.faults.FaultInjectingWebhook.TOO_MANY_REQUESTS;
import static dev.c8s.controller.faults.FaultInjectingWebhook.UNAVAILABLE;
import static dev.c8s.controller.run.Runs.config;
import static dev.c8s.controller.run.Runs.run;
import static dev.c8s.controller.run.Runs.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.c8s.controller.ControlPlaneResource;
import dev.c8s.controller.faults.FaultInjectingWebhook;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API server answering the controller with 409, 429 and 5xx (injected by a real admission
 * webhook) delays a run but never fails it, and the run says why it is held up meanwhile.
 */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class TransientApiErrorsIT {
  private static final String JOBS = "jobs";
  private static final String RUN_STATUS = "pipelineruns/status";
  private static final FaultInjectingWebhook.Fault PROBE =
      new FaultInjectingWebhook.Fault(400, "BadRequest", "fault injection is active");

  private final KubernetesClient client = ControlPlaneResource.admin();
  private FaultInjectingWebhook webhook;
  private String ns;

  @BeforeEach
  void injectFaults() throws Exception {
    ns = SharedControlPlane.get(true).newNamespace("faults");
    webhook = FaultInjectingWebhook.start();
    client.resource(registration()).create();
    awaitActive();
  }

  @AfterEach
  void stopInjecting() {
    client.resource(registration()).delete();
    webhook.close();
  }

  @Test
  void jobCreatesAndStatusWritesRefusedWith409And429And5xxAreRetriedAndTheRunSucceeds() {
    webhook.script(JOBS, CONFLICT, LEADER_CHANGED, UNAVAILABLE, TOO_MANY_REQUESTS);
    webhook.script(RUN_STATUS, CONFLICT, LEADER_CHANGED);
    client
        .resource(config(ns, "flaky", step("build", "true"), step("test", "true", "build")))
        .create();
    client.resource(run(ns, "flaky-1", "flaky", "main")).create();

    PipelineRun done = RunAwaits.ended(client, ns, "flaky-1", Duration.ofSeconds(180));

    assertThat(done.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
    assertThat(webhook.scriptDone(JOBS)).as("every injected Job-create error was met").isTrue();
    assertThat(webhook.scriptDone(RUN_STATUS)).as("every injected status error was met").isTrue();
    assertThat(RunAwaits.jobsOf(client, ns, "flaky-1"))
        .extracting(j -> j.getMetadata().getName())
        .containsExactlyInAnyOrder("flaky-1-build", "flaky-1-test");
    assertThat(done.getStatus().getConditions())
        .extracting(Condition::getType)
        .containsExactly(RunStatusBuilder.SUCCEEDED, RunStatusBuilder.LOGS_ARCHIVED);
  }

  @Test
  void runHeldUpByAFailingApiShowsWhyAndFinishesOnceTheApiRecovers() {
    webhook.hold(JOBS, LEADER_CHANGED);
    client.resource(config(ns, "held", step("build", "true"))).create();
    client.resource(run(ns, "held-1", "held", "main")).create();

    PipelineRun held =
        RunAwaits.until(client, ns, "held-1", Duration.ofSeconds(120), r -> failure(r).isPresent());
    Condition failure = failure(held).orElseThrow();
    assertThat(failure.getStatus()).isEqualTo(ConditionStatus.TRUE);
    assertThat(failure.getReason()).isEqualTo(ReconcileFailureReason.KubernetesApiError.name());
    assertThat(failure.getMessage()).contains("500", "etcdserver: leader changed", "retrying");
    assertThat(held.getStatus().getPhase()).isNotIn(RunPhase.Failed, RunPhase.Cancelled);
    assertThat(RunAwaits.jobsOf(client, ns, "held-1")).isEmpty();

    webhook.release(JOBS);
    PipelineRun done = RunAwaits.ended(client, ns, "held-1", Duration.ofSeconds(120));

    assertThat(done.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
    assertThat(failure(done)).as("the failure condition is gone once reconciling works").isEmpty();
    assertThat(RunAwaits.jobsOf(client, ns, "held-1")).hasSize(1);
  }

  @Test
  void jobRefusedForGoodFailsItsStepWithTheApisAnswerInsteadOfRetrying() {
    webhook.hold(
        JOBS,
        new FaultInjectingWebhook.Fault(
            422, "Invalid", "spec.template.spec.containers[0].image: Invalid value"));
    client
        .resource(config(ns, "refused", step("build", "true"), step("test", "true", "build")))
        .create();
    client.resource(run(ns, "refused-1", "refused", "main")).create();

    PipelineRun done = RunAwaits.ended(client, ns, "refused-1", Duration.ofSeconds(60));

    assertThat(done.getStatus().getPhase()).isEqualTo(RunPhase.Failed);
    var build = RunAwaits.stepOf(done, "build");
    assertThat(build.getPhase()).isEqualTo(StepPhase.Failed);
    assertThat(build.getReason()).isEqualTo("JobRejected");
    assertThat(build.getMessage())
        .startsWith("the Kubernetes API refused the step's Job: ")
        .contains("image: Invalid value");
    assertThat(RunAwaits.stepOf(done, "test").getPhase()).isEqualTo(StepPhase.Skipped);
    assertThat(RunAwaits.jobsOf(client, ns, "refused-1")).isEmpty();
  }

  private static Optional<Condition> failure(PipelineRun run) {
    return run.getStatus() == null || run.getStatus().getConditions() == null
        ? Optional.empty()
        : run.getStatus().getConditions().stream()
            .filter(c -> RunStatusBuilder.RECONCILE_FAILURE.equals(c.getType()))
            .findFirst();
  }

  /**
   * The API server picks up new webhook configurations asynchronously: wait until it calls ours.
   */
  private void awaitActive() {
    webhook.hold(JOBS, PROBE);
    Job probe =
        new JobBuilder()
            .withNewMetadata()
            .withName("probe")
            .withNamespace(ns)
            .endMetadata()
            .withNewSpec()
            .withNewTemplate()
            .withNewSpec()
            .addNewContainer()
            .withName("probe")
            .withImage("busybox:1.36")
            .endContainer()
            .withRestartPolicy("Never")
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> client.resource(probe).dryRun().create())
                    .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(PROBE.code())));
    webhook.release(JOBS);
  }

  private ValidatingWebhookConfiguration registration() {
    return new ValidatingWebhookConfigurationBuilder()
        .withNewMetadata()
        .withName("c8s-test-faults-" + ns)
        .endMetadata()
        .addNewWebhook()
        .withName("faults.c8s.dev")
        .withNewClientConfig()
        .withUrl(webhook.url())
        .withCaBundle(
            Base64.getEncoder()
                .encodeToString(webhook.certificatePem().getBytes(StandardCharsets.UTF_8)))
        .endClientConfig()
        .addNewRule()
        .withOperations("CREATE")
        .withApiGroups("batch")
        .withApiVersions("v1")
        .withResources(JOBS)
        .endRule()
        .addNewRule()
        .withOperations("UPDATE")
        .withApiGroups(C8s.GROUP)
        .withApiVersions(C8s.VERSION)
        .withResources(RUN_STATUS)
        .endRule()
        .withNewNamespaceSelector()
        .addToMatchLabels("kubernetes.io/metadata.name", ns)
        .endNamespaceSelector()
        .withFailurePolicy("Fail")
        .withSideEffects("None")
        .withAdmissionReviewVersions("v1")
        .withTimeoutSeconds(5)
        .endWebhook()
        .build();
  }
}
