package dev.c8s.controller.run;

import static dev.c8s.controller.run.RunAwaits.stepOf;
import static dev.c8s.controller.run.Runs.cleanup;
import static dev.c8s.controller.run.Runs.config;
import static dev.c8s.controller.run.Runs.onBranch;
import static dev.c8s.controller.run.Runs.run;
import static dev.c8s.controller.run.Runs.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.controller.ControlPlaneResource;
import dev.c8s.controller.job.StepJobFactory;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.LogsArchived;
import dev.c8s.model.v1alpha1.Matrix;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepSecret;
import dev.c8s.model.v1alpha1.StepStatus;
import dev.c8s.testing.FakeStepLog;
import dev.c8s.testing.JsonLogFile;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** PipelineRuns run to the end on a real control plane where kwok plays the kubelet. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class PipelineRunReconcilerIT {
  private final KubernetesClient client = ControlPlaneResource.admin();
  @Inject S3Client s3;
  private String ns;

  @BeforeEach
  void namespace() {
    ns = SharedControlPlane.get(true).newNamespace("runs");
  }

  @Test
  void threeStepDagReachesSucceededWithOneJobPerStep() {
    create(
        config(
            ns,
            "dag",
            step("test", "true"),
            step("build", "true", "test"),
            step("lint", "true", "test")));
    PipelineRun run = finish(run(ns, "dag-1", "dag", "main"));

    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
    // The JSON log names the run on the line of each phase change.
    var line =
        JsonLogFile.awaitLine(
            Path.of("target/controller-log.json"), "run", "dag-1", "-> Succeeded");
    assertThat(line.path("mdc").path("namespace").asText()).isEqualTo(ns);
    assertThat(line.path("component").asText()).isEqualTo("controller");
    assertThat(run.getStatus().getSteps())
        .extracting(StepStatus::getPhase)
        .containsOnly(StepPhase.Succeeded);
    assertThat(run.getStatus().getSteps())
        .extracting(StepStatus::getJobName)
        .containsExactlyInAnyOrder("dag-1-test", "dag-1-build", "dag-1-lint");
    assertThat(run.getStatus().getSteps()).extracting(StepStatus::getExitCode).containsOnly(0);
    assertThat(run.getStatus().getStartTime()).isNotNull();
    assertThat(run.getStatus().getCompletionTime()).isNotNull();
    assertThat(run.getStatus().getPipelineSpec().getSteps()).hasSize(3);
    assertThat(run.getStatus().getConditions())
        .extracting(c -> c.getType() + "=" + c.getStatus() + " " + c.getReason())
        .containsExactly(
            "Succeeded=TRUE AllStepsSucceeded", "LogsArchived=TRUE " + LogsArchived.ARCHIVED);
    assertThat(run.getStatus().getSteps()).allMatch(s -> s.getLogUrl() != null);
    StepStatus test = stepOf(run, "test");
    StepStatus build = stepOf(run, "build");
    assertThat(build.getStartTime()).isAfterOrEqualTo(test.getCompletionTime());
  }

  @Test
  void finishedStepsLogIsArchivedWithInjectedSecretsMasked() {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("token")
                .withNamespace(ns)
                .endMetadata()
                .addToStringData("TOKEN", FakeStepLog.SECRET)
                .build())
        .create();
    var step = step("login", "true");
    step.setSecrets(List.of(new StepSecret("token", "TOKEN", null)));
    create(config(ns, "logs", step));
    PipelineRun run = finish(run(ns, "logs-1", "logs", "main"));

    String url = stepOf(run, "login").getLogUrl();
    assertThat(url).isEqualTo("s3://c8s-logs/" + ns + "/logs-1/login.log");
    String archived =
        s3.getObjectAsBytes(r -> r.bucket("c8s-logs").key(ns + "/logs-1/login.log")).asUtf8String();
    assertThat(archived)
        .contains("step started", "logging in with token ***", "step finished")
        .doesNotContain(FakeStepLog.SECRET);
  }

  @Test
  void artifactsGoUpThroughAPresignedUrlAndComeDownToDependants() throws Exception {
    var build = step("build", "sleep 4");
    build.setArtifacts(List.of("app"));
    create(config(ns, "artifacts", build, step("push", "true", "build")));
    client.resource(run(ns, "artifacts-1", "artifacts", "main")).create();
    Job buildJob = RunAwaits.jobCreated(client, ns, "artifacts-1-build");
    String uploadUrl =
        quotedUrl(
            buildJob.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("upload"))
                .findFirst()
                .orElseThrow()
                .getCommand()
                .get(2));
    byte[] archive = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    HttpResponse<String> put =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(uploadUrl))
                .header("Content-Type", "application/gzip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(archive))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    PipelineRun run =
        awaitRun(
            "artifacts-1",
            r -> r.getStatus() != null && r.getStatus().getPhase() == RunPhase.Succeeded);
    assertThat(stepOf(run, "build").getArtifactUrls())
        .containsExactly("s3://c8s-artifacts/" + ns + "/artifacts-1/build/artifacts.tar.gz");
    Job pushJob = client.batch().v1().jobs().inNamespace(ns).withName("artifacts-1-push").get();
    var download = pushJob.getSpec().getTemplate().getSpec().getInitContainers().get(1);
    assertThat(download.getName()).isEqualTo("download");
    HttpResponse<byte[]> get =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(quotedUrl(download.getCommand().get(2)))).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(get.body()).isEqualTo(archive);
  }

  @Test
  void stepJobCarriesLabelsOwnerDeadlineAndResources() {
    create(config(ns, "shape", step("only", "true")));
    PipelineRun run = finish(run(ns, "shape-1", "shape", "main"));
    Job job = client.batch().v1().jobs().inNamespace(ns).withName("shape-1-only").get();

    assertThat(job.getMetadata().getLabels())
        .containsEntry(C8s.LABEL_PIPELINE_RUN, "shape-1")
        .containsEntry(C8s.LABEL_STEP, "only")
        .containsEntry(C8s.LABEL_PIPELINE_CONFIG, "shape")
        .containsEntry(C8s.LABEL_MANAGED_BY, "c8s");
    assertThat(job.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getUid()).isEqualTo(run.getMetadata().getUid());
              assertThat(o.getController()).isTrue();
            });
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(1800L);
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(3600);
    var step = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(step.getName()).isEqualTo(StepJobFactory.STEP_CONTAINER);
    assertThat(step.getResources().getLimits().get("cpu").toString()).isEqualTo("500m");
    assertThat(step.getResources().getRequests().get("memory").toString()).isEqualTo("1Gi");
  }

  @Test
  void failingStepRecordsItsExitCodeSkipsDependantsAndFailsTheRun() {
    create(
        config(
            ns,
            "fails",
            step("test", "exit 3"),
            step("build", "true", "test"),
            step("lint", "true")));
    PipelineRun run = finish(run(ns, "fails-1", "fails", "main"));

    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed);
    assertThat(stepOf(run, "test").getPhase()).isEqualTo(StepPhase.Failed);
    assertThat(stepOf(run, "test").getExitCode()).isEqualTo(3);
    assertThat(stepOf(run, "test").getMessage()).isEqualTo("step exited with code 3");
    assertThat(stepOf(run, "build").getPhase()).isEqualTo(StepPhase.Skipped);
    assertThat(stepOf(run, "build").getReason()).isEqualTo("DependencyFailed");
    assertThat(stepOf(run, "lint").getPhase()).isEqualTo(StepPhase.Succeeded);
    assertThat(run.getStatus().getConditions().get(0).getMessage())
        .isEqualTo("Step \"test\" failed");
    assertThat(client.batch().v1().jobs().inNamespace(ns).withName("fails-1-build").get()).isNull();
  }

  @Test
  void cleanupStepRunsAfterAFailure() {
    create(config(ns, "cleanup", step("test", "exit 1"), cleanup(step("teardown", "true"))));
    PipelineRun run = finish(run(ns, "cleanup-1", "cleanup", "main"));
    assertThat(stepOf(run, "teardown").getPhase()).isEqualTo(StepPhase.Succeeded);
    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed);
  }

  @Test
  void branchConditionSkipsTheStepWithoutAJob() {
    create(config(ns, "branches", step("test", "true"), onBranch("main", step("deploy", "true"))));
    PipelineRun run = finish(run(ns, "branches-1", "branches", "feature/x"));
    assertThat(stepOf(run, "deploy").getPhase()).isEqualTo(StepPhase.Skipped);
    assertThat(stepOf(run, "deploy").getReason()).isEqualTo("BranchConditionNotMet");
    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
    assertThat(client.batch().v1().jobs().inNamespace(ns).withName("branches-1-deploy").get())
        .isNull();
  }

  @Test
  void stepTimeoutFailsTheStepAndTheRun() {
    var slow = step("slow", "sleep 600");
    slow.setTimeout("3s");
    create(config(ns, "slow", slow));
    PipelineRun run = finish(run(ns, "slow-1", "slow", "main"));
    assertThat(stepOf(run, "slow").getPhase()).isEqualTo(StepPhase.Failed);
    assertThat(stepOf(run, "slow").getReason()).isEqualTo("StepTimedOut");
    assertThat(run.getStatus().getConditions().get(0).getMessage())
        .isEqualTo("Step \"slow\" timed out");
  }

  @Test
  void pipelineTimeoutStopsRunningStepsAndFailsTheRun() {
    PipelineConfig config = config(ns, "budget", step("slow", "sleep 600"), step("after", "true"));
    config.getSpec().setTimeout("4s");
    create(config);
    PipelineRun run = finish(run(ns, "budget-1", "budget", "main"));
    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed);
    assertThat(run.getStatus().getConditions().get(0).getReason()).isEqualTo("PipelineTimedOut");
    assertThat(stepOf(run, "slow").getReason()).isEqualTo("PipelineTimedOut");
    assertThat(stepOf(run, "after").getPhase()).isEqualTo(StepPhase.Skipped);
    assertArchivedUntilStopped(run, "slow");
    RunAwaits.jobGone(client, ns, "budget-1-slow");
  }

  @Test
  void cancelMidRunDeletesTheRunningJobAndCancelsTheRun() {
    create(config(ns, "cancel", step("slow", "sleep 600"), step("after", "true")));
    client.resource(run(ns, "cancel-1", "cancel", "main")).create();
    RunAwaits.jobCreated(client, ns, "cancel-1-slow");

    // As kubectl patch does: no resourceVersion, so the controller's own writes cannot conflict.
    client
        .resources(PipelineRun.class)
        .inNamespace(ns)
        .withName("cancel-1")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"cancelRequested\":true}}");

    PipelineRun run =
        awaitRun(
            "cancel-1",
            r ->
                r.getStatus() != null
                    && r.getStatus().getPhase() != null
                    && r.getStatus().getPhase().isTerminal());
    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Cancelled);
    assertThat(stepOf(run, "slow").getReason()).isEqualTo("RunCancelled");
    assertThat(stepOf(run, "after").getPhase()).isEqualTo(StepPhase.Skipped);
    assertArchivedUntilStopped(run, "slow");
    RunAwaits.jobGone(client, ns, "cancel-1-slow");
  }

  @Test
  void matrixValuesReachTheStepAsEnvironmentAndImage() {
    var step = step("test", "true");
    step.setImage("golang:${GO}");
    PipelineConfig config = config(ns, "matrix", step);
    Matrix matrix = new Matrix();
    matrix.setDimensions(Map.of("GO", List.of("1.21", "1.22")));
    config.getSpec().setMatrix(matrix);
    create(config);
    PipelineRun run = run(ns, "matrix-1", "matrix", "main");
    run.getSpec().setMatrixIndex(Map.of("GO", "1.22"));
    finish(run);
    Job job = client.batch().v1().jobs().inNamespace(ns).withName("matrix-1-test").get();
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("golang:1.22");
    assertThat(container.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("GO");
              assertThat(e.getValue()).isEqualTo("1.22");
            });
  }

  @Test
  void runOfAnInvalidPipelineConfigFailsNamingTheProblem() {
    var step = step("test", "true");
    step.setImage("golang:${GO}");
    create(config(ns, "invalid", step));
    PipelineRun run = finish(run(ns, "invalid-1", "invalid", "main"));
    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed);
    assertThat(run.getStatus().getConditions().get(0).getReason()).isEqualTo("InvalidPipeline");
    assertThat(run.getStatus().getConditions().get(0).getMessage()).contains("spec.steps[0].image");
  }

  @Test
  void runOfAMissingPipelineConfigFailsWithAClearReason() {
    PipelineRun run = finish(run(ns, "orphan-1", "does-not-exist", "main"));
    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed);
    assertThat(run.getStatus().getConditions().get(0).getReason())
        .isEqualTo("PipelineConfigNotFound");
    assertThat(run.getStatus().getConditions().get(0).getMessage())
        .contains("\"does-not-exist\" does not exist in namespace " + ns);
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String quotedUrl(String script) {
    Matcher m = Pattern.compile("'(https?://[^']+)'").matcher(script);
    assertThat(m.find()).as("a quoted URL in " + script).isTrue();
    return m.group(1);
  }

  /** A stopped step's log is archived from its pod before its Job is deleted. */
  private void assertArchivedUntilStopped(PipelineRun run, String step) {
    String key = ns + "/" + run.getMetadata().getName() + "/" + step + ".log";
    assertThat(stepOf(run, step).getLogUrl()).isEqualTo("s3://c8s-logs/" + key);
    assertThat(s3.getObjectAsBytes(r -> r.bucket("c8s-logs").key(key)).asUtf8String())
        .contains(FakeStepLog.LINES.get(0));
  }

  private void create(PipelineConfig config) {
    client.resource(config).create();
  }

  private PipelineRun finish(PipelineRun run) {
    client.resource(run).create();
    return RunAwaits.ended(client, ns, run.getMetadata().getName(), Duration.ofSeconds(90));
  }

  private PipelineRun awaitRun(String name, Predicate<PipelineRun> condition) {
    return RunAwaits.until(client, ns, name, Duration.ofSeconds(90), condition);
  }
}
