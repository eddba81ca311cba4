package dev.c8s.controller.run;

import static dev.c8s.controller.run.Runs.config;
import static dev.c8s.controller.run.Runs.run;
import static dev.c8s.controller.run.Runs.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.c8s.controller.ControlPlaneResource;
import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PullRequest;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepSecret;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs of pull requests from forks: held until approved, or run without their secrets. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class PullRequestRunIT {
  private static final Duration AT_MOST = Duration.ofSeconds(90);
  private final KubernetesClient client = ControlPlaneResource.admin();
  private String ns;

  @BeforeEach
  void namespace() {
    ns = SharedControlPlane.get(true).newNamespace("pulls");
  }

  private static PipelineRun forkRun(String ns, String name, String config) {
    PipelineRun run = run(ns, name, config, null);
    PullRequest pr = new PullRequest();
    pr.setNumber(7L);
    pr.setBaseBranch("main");
    pr.setHeadBranch("main");
    pr.setHeadRepository("stranger/app");
    pr.setFork(true);
    pr.setFetchRef("refs/pull/7/head");
    run.getSpec().setPullRequest(pr);
    return run;
  }

  @Test
  void aHeldRunWaitsPendingWithoutJobsOrClockUntilApprovedThenRuns() {
    client.resource(config(ns, "held", step("test", "true"))).create();
    PipelineRun held = forkRun(ns, "held-1", "held");
    held.getSpec().setApprovalRequired(true);
    client.resource(held).create();

    PipelineRun waiting =
        RunAwaits.until(
            client,
            ns,
            "held-1",
            AT_MOST,
            r -> r.getStatus() != null && r.getStatus().getConditions() != null);
    Condition succeeded = waiting.getStatus().getConditions().get(0);
    assertThat(waiting.getStatus().getPhase()).isEqualTo(RunPhase.Pending);
    assertThat(succeeded.getReason()).isEqualTo("AwaitingApproval");
    assertThat(succeeded.getMessage()).contains("Pull request #7 comes from a fork", "/ok-to-test");
    assertThat(waiting.getStatus().getStartTime()).isNull();
    assertThat(RunAwaits.jobsOf(client, ns, "held-1")).isEmpty();

    client
        .resources(PipelineRun.class)
        .inNamespace(ns)
        .withName("held-1")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"approvedBy\":\"maintainer\"}}");

    PipelineRun done = RunAwaits.ended(client, ns, "held-1", AT_MOST);
    assertThat(done.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
    assertThat(done.getStatus().getStartTime()).isNotNull();
  }

  @Test
  void aHeldRunCanBeCancelledWithoutEverStarting() {
    client.resource(config(ns, "dropped", step("test", "true"))).create();
    PipelineRun held = forkRun(ns, "dropped-1", "dropped");
    held.getSpec().setApprovalRequired(true);
    held.getSpec().setCancelRequested(true);
    client.resource(held).create();

    PipelineRun done = RunAwaits.ended(client, ns, "dropped-1", AT_MOST);
    assertThat(done.getStatus().getPhase()).isEqualTo(RunPhase.Cancelled);
    assertThat(RunAwaits.jobsOf(client, ns, "dropped-1")).isEmpty();
  }

  @Test
  void aRunWithoutSecretsGetsNoSecretAndItsCloneFetchesThePullRequestRef() {
    var step = step("test", "true");
    step.setSecrets(List.of(new StepSecret("deploy-token", "TOKEN", null)));
    client.resource(config(ns, "stripped", step)).create();
    PipelineRun run = forkRun(ns, "stripped-1", "stripped");
    run.getSpec().setWithoutSecrets(true);
    client.resource(run).create();

    Job job = RunAwaits.jobCreated(client, ns, "stripped-1-test");
    var pod = job.getSpec().getTemplate().getSpec();
    // No secret of the step, though the Secret it names does not even exist.
    assertThat(pod.getContainers())
        .flatMap(Container::getEnv)
        .noneMatch(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null);
    Container clone =
        pod.getInitContainers().stream().filter(c -> c.getName().equals("clone")).findFirst().get();
    assertThat(clone.getEnv())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .contains(tuple("C8S_FETCH_REF", "refs/pull/7/head"));
    assertThat(pod.getContainers().get(0).getEnv())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .contains(tuple("PULL_REQUEST", "7"), tuple("BASE_BRANCH", "main"));
    assertThat(RunAwaits.ended(client, ns, "stripped-1", AT_MOST).getStatus().getPhase())
        .isEqualTo(RunPhase.Succeeded);
  }
}
