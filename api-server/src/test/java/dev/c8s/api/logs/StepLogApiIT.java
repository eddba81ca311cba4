package dev.c8s.api.logs;

import static dev.c8s.api.testing.Api.asAdmin;
import static dev.c8s.api.testing.Api.path;
import static dev.c8s.api.testing.Fixtures.secretRef;
import static dev.c8s.api.testing.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.Fixtures;
import dev.c8s.api.testing.Runs;
import dev.c8s.api.testing.TestEnvironment;
import dev.c8s.model.storage.ObjectKeys;
import dev.c8s.model.v1alpha1.StepPhase;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Step logs: archived ones from S3 masked again, and why a step has no log (yet). */
@QuarkusTest
@WithTestResource(ApiServerResources.class)
class StepLogApiIT {
  // Live logs need a kubelet, which the test control plane lacks (kwok serves no container logs):
  // the live path's masking and streaming are covered by MaskedStreamTest, its pod lookup here.

  private static final String SECRET = "hunter2-database-password";

  private String ns;

  @BeforeEach
  void runWithArchivedAndPendingSteps() {
    ns = Fixtures.namespace("logs");
    Fixtures.secret(ns, "db", "password", SECRET);
    Runs.started(
        ns,
        "r1",
        Fixtures.spec(step("test", secretRef("db", "password")), step("build"), step("deploy")),
        Runs.step("test", StepPhase.Succeeded, "r1-test", "s3://c8s-logs/" + ns + "/r1/test.log"),
        Runs.step("build", StepPhase.Running, "r1-build", null),
        Runs.step("deploy", StepPhase.Pending, null, null));
  }

  @Test
  void archivedLogIsServedWithEverySecretValueMasked() {
    // The controller masks before archiving; a value that slipped through is masked again.
    String archived = "connecting with ***\nretrying with " + SECRET + " now\nok\n";
    TestEnvironment.put(
        TestEnvironment.LOGS_BUCKET,
        ns + "/r1/test.log",
        archived.getBytes(StandardCharsets.UTF_8));

    for (String follow : new String[] {"false", "true"}) {
      asAdmin()
          .queryParam("follow", follow)
          .get(path(ns, "pipelineruns/r1/steps/test/logs"))
          .then()
          .statusCode(200)
          .contentType(containsString("text/plain"))
          .header("X-C8s-Log-Source", "archive")
          .body(equalTo("connecting with ***\nretrying with *** now\nok\n"))
          .body(not(containsString(SECRET)));
    }
  }

  @Test
  void archivedLogWhoseObjectIsMissingIs404() {
    asAdmin()
        .get(path(ns, "pipelineruns/r1/steps/test/logs"))
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("is missing"));
  }

  @Test
  void stepWithoutPodOrJobHasNoLogYet() {
    asAdmin()
        .get(path(ns, "pipelineruns/r1/steps/build/logs"))
        .then()
        .statusCode(404)
        .body("detail", equalTo("step \"build\" has no log yet (no pod yet)"));
    asAdmin()
        .get(path(ns, "pipelineruns/r1/steps/deploy/logs"))
        .then()
        .statusCode(404)
        .body("detail", equalTo("step \"deploy\" has no log yet (Pending)"));
  }

  @Test
  void runningStepWhosePodIsGoneIsServedFromItsLiveSegmentsInKeyOrder() {
    // As the controller writes them while the step runs; the ten sorts after the nine.
    for (int i = 0; i < 11; i++) {
      String line = "line " + i + "\n";
      TestEnvironment.put(
          TestEnvironment.LOGS_BUCKET,
          ObjectKeys.liveSegment(ns, "r1", "build", i),
          line.getBytes(StandardCharsets.UTF_8));
    }

    String log =
        asAdmin()
            .get(path(ns, "pipelineruns/r1/steps/build/logs"))
            .then()
            .statusCode(200)
            .header("X-C8s-Log-Source", "live-archive")
            .extract()
            .asString();

    assertThat(log.lines().toList())
        .containsExactly(
            "line 0", "line 1", "line 2", "line 3", "line 4", "line 5", "line 6", "line 7",
            "line 8", "line 9", "line 10");
  }

  @Test
  void runningStepWhosePodIsGoneButWhoseArchiveIsCompleteIsServedFromTheArchive() {
    TestEnvironment.put(
        TestEnvironment.LOGS_BUCKET,
        ObjectKeys.log(ns, "r1", "build"),
        "all of it\n".getBytes(StandardCharsets.UTF_8));
    TestEnvironment.put(
        TestEnvironment.LOGS_BUCKET,
        ObjectKeys.liveSegment(ns, "r1", "build", 0),
        "part\n".getBytes(StandardCharsets.UTF_8));

    asAdmin()
        .get(path(ns, "pipelineruns/r1/steps/build/logs"))
        .then()
        .statusCode(200)
        .header("X-C8s-Log-Source", "archive")
        .body(equalTo("all of it\n"));
  }

  @Test
  void podWhoseStepContainerWaitsHasNoLogYet() {
    Pod pod =
        Fixtures.kube()
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName("r1-build-abcde")
                    .withNamespace(ns)
                    .addToLabels("batch.kubernetes.io/job-name", "r1-build")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("step")
                    .withImage("alpine:3.20")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
    pod.setStatus(
        new io.fabric8.kubernetes.api.model.PodStatusBuilder()
            .withPhase("Pending")
            .withContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("step")
                    .withImage("alpine:3.20")
                    .withImageID("")
                    .withReady(false)
                    .withRestartCount(0)
                    .withNewState()
                    .withNewWaiting()
                    .withReason("ContainerCreating")
                    .endWaiting()
                    .endState()
                    .build())
            .build());
    Fixtures.kube().resource(pod).updateStatus();

    asAdmin()
        .get(path(ns, "pipelineruns/r1/steps/build/logs"))
        .then()
        .statusCode(404)
        .body("detail", equalTo("step \"build\" has no log yet (its container has not started)"));
  }

  @Test
  void unknownStepOrRunIs404AndABadFollowIs400() {
    asAdmin()
        .get(path(ns, "pipelineruns/r1/steps/lint/logs"))
        .then()
        .statusCode(404)
        .body("detail", equalTo("PipelineRun \"r1\" has no step \"lint\""));
    asAdmin()
        .get(path(ns, "pipelineruns/r2/steps/test/logs"))
        .then()
        .statusCode(404)
        .body("detail", containsString("PipelineRun \"r2\" not found"));
    asAdmin()
        .queryParam("follow", "sometimes")
        .get(path(ns, "pipelineruns/r1/steps/test/logs"))
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }
}
