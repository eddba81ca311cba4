package dev.c8s.controller.run;

import static dev.c8s.controller.run.Runs.config;
import static dev.c8s.controller.run.Runs.run;
import static dev.c8s.controller.run.Runs.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.controller.ControlPlaneResource;
import dev.c8s.model.engine.RunReason;
import dev.c8s.model.engine.StepReason;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Resuming a failed run against the real API server and object storage: succeeded steps reused with
 * their logs and artifacts, only the rest run, and expired artifacts refused.
 */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class ResumeIT {
  private static final Duration AT_MOST = Duration.ofSeconds(90);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final byte[] ARCHIVE = {
    0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0
  };
  private final KubernetesClient client = ControlPlaneResource.admin();
  @Inject S3Client s3;
  private String ns;

  @BeforeEach
  void failedRun() throws Exception {
    ns = SharedControlPlane.get(true).newNamespace("resume");
    var build = step("build", "sleep 3");
    build.setArtifacts(List.of("app"));
    client
        .resource(
            config(
                ns, "app", build, step("test", "exit 1", "build"), step("deploy", "true", "test")))
        .create();
    client.resource(run(ns, "app-1", "app", "main")).create();
    Job buildJob = RunAwaits.jobCreated(client, ns, "app-1-build");
    // kwok plays the pod: the test uploads the step's archive as its upload container would.
    HttpResponse<String> put =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(quotedUrl(container(buildJob, "upload"))))
                .header("Content-Type", "application/gzip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(ARCHIVE))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(RunAwaits.ended(client, ns, "app-1", AT_MOST).getStatus().getPhase())
        .isEqualTo(RunPhase.Failed);
  }

  @Test
  void aResumedRunReusesTheSucceededStepAndItsArtifactsAndRunsOnlyTheRest() throws Exception {
    PipelineRun original =
        client.resources(PipelineRun.class).inNamespace(ns).withName("app-1").get();

    PipelineRun resumed = resume("app-2");

    StepStatus build = RunAwaits.stepOf(resumed, "build");
    assertThat(build.getPhase()).isEqualTo(StepPhase.Succeeded);
    assertThat(build.getReason()).isEqualTo(StepReason.Reused.name());
    assertThat(build.getReusedFrom()).isEqualTo("app-1");
    assertThat(build.getLogUrl()).isEqualTo(RunAwaits.stepOf(original, "build").getLogUrl());
    assertThat(build.getArtifactUrls())
        .containsExactly("s3://c8s-artifacts/" + ns + "/app-1/build/artifacts.tar.gz");
    assertThat(client.batch().v1().jobs().inNamespace(ns).withName("app-2-build").get()).isNull();
    assertThat(RunAwaits.stepOf(resumed, "test").getPhase()).isEqualTo(StepPhase.Failed);
    assertThat(RunAwaits.stepOf(resumed, "deploy").getPhase()).isEqualTo(StepPhase.Skipped);
    assertThat(resumed.getStatus().getPipelineSpec().getSteps())
        .hasSameSizeAs(original.getStatus().getPipelineSpec().getSteps());
    Job test = client.batch().v1().jobs().inNamespace(ns).withName("app-2-test").get();
    HttpResponse<byte[]> download =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(quotedUrl(initContainer(test, "download")))).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.body()).isEqualTo(ARCHIVE);
  }

  @Test
  void aResumeWhoseArtifactsExpiredFailsSayingSo() {
    s3.deleteObject(r -> r.bucket("c8s-artifacts").key(ns + "/app-1/build/artifacts.tar.gz"));

    PipelineRun resumed = resume("app-2");

    assertThat(resumed.getStatus().getPhase()).isEqualTo(RunPhase.Failed);
    assertThat(resumed.getStatus().getConditions().get(0).getReason())
        .isEqualTo(RunReason.CannotResume.name());
    assertThat(resumed.getStatus().getConditions().get(0).getMessage())
        .contains(
            "the artifacts of step \"build\" of run \"app-1\"", "no longer in object storage");
    assertThat(client.batch().v1().jobs().inNamespace(ns).withName("app-2-test").get()).isNull();
  }

  @Test
  void resumingARunOfAnotherCommitIsRefused() {
    PipelineRun other = run(ns, "app-2", "app", "main");
    other.getSpec().setCommit("0123456789abcdef");
    other.getSpec().setResumeFrom("app-1");
    client.resource(other).create();

    PipelineRun refused = RunAwaits.ended(client, ns, "app-2", AT_MOST);

    assertThat(refused.getStatus().getConditions().get(0).getReason())
        .isEqualTo(RunReason.CannotResume.name());
    assertThat(refused.getStatus().getConditions().get(0).getMessage())
        .contains("run \"app-1\" built commit abc123def4567890, not 0123456789abcdef");
  }

  private PipelineRun resume(String name) {
    PipelineRun run = run(ns, name, "app", "main");
    run.getSpec().setResumeFrom("app-1");
    client.resource(run).create();
    return RunAwaits.ended(client, ns, name, AT_MOST);
  }

  private static String container(Job job, String name) {
    return job.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow()
        .getCommand()
        .get(2);
  }

  private static String initContainer(Job job, String name) {
    return job.getSpec().getTemplate().getSpec().getInitContainers().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow()
        .getCommand()
        .get(2);
  }

  private static String quotedUrl(String script) {
    Matcher m = Pattern.compile("'(https?://[^']+)'").matcher(script);
    assertThat(m.find()).as("a quoted URL in " + script).isTrue();
    return m.group(1);
  }
}
