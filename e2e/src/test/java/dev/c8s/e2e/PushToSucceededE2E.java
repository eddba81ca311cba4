package dev.c8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import dev.c8s.testing.node.NodeImages;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A push signed as GitHub signs it runs the pipeline on real containers: the pushed commit is
 * checked out, steps run in dependsOn order, artifacts travel through presigned URLs, and the
 * archived logs hold the real output with secrets masked.
 */
class PushToSucceededE2E {
  private static final String TOKEN = "tok-s3cr3t-value";

  @Test
  void aSignedPushRunsEveryStepOnRealContainersAndArchivesMaskedLogs() throws Exception {
    try (Team team = Team.create("push", Team.GIT_PASSWORD)) {
      team.secret("deploy", Map.of("token", TOKEN));
      team.pipeline(
          """
            branches: ["main"]
            timeout: 10m
            steps:
              - name: checkout
                image: %s
                commands:
                  - git -c safe.directory='*' rev-parse HEAD
                resources: {cpu: 100m, memory: 128Mi}
              - name: build
                image: %s
                dependsOn: [checkout]
                commands:
                  - mkdir -p dist/sub
                  - echo "built from $(cat VERSION)" > app
                  - echo nested > dist/sub/file.txt
                artifacts: ["app", "dist/**/*"]
                resources: {cpu: 100m, memory: 128Mi}
              - name: use
                image: %s
                dependsOn: [build]
                commands:
                  - cat app dist/sub/file.txt
                  - echo "token=$DEPLOY_TOKEN"
                  - printf '%%s' "$DEPLOY_TOKEN" | base64
                  - printf 'tok-s3c'; printf 'r3t-value\\n'
                secrets:
                  - {secretRef: deploy, key: token, envVar: DEPLOY_TOKEN}
                resources: {cpu: 100m, memory: 128Mi}
          """
              .formatted(NodeImages.HELPER, NodeImages.STEP, NodeImages.STEP));
      String commit = team.git.commit(Map.of("VERSION", "1.2.3\n"), "release 1.2.3");

      HttpResponse<String> answer =
          GitHubPush.send(
              team.platform.webhook(), Team.WEBHOOK_SECRET, team.repository(), "main", commit);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
      String runName =
          await().atMost(Duration.ofSeconds(10)).until(() -> onlyRun(team), name -> name != null);

      PipelineRun run = team.awaitEnded(runName, Duration.ofMinutes(4));

      assertThat(run.getStatus().getPhase())
          .as(Serialization.asYaml(run.getStatus()))
          .isEqualTo(RunPhase.Succeeded);
      assertThat(run.getSpec().getCommit()).isEqualTo(commit);
      assertThat(team.log(run, "checkout")).contains(commit);
      StepStatus checkout = Team.step(run, "checkout");
      StepStatus build = Team.step(run, "build");
      StepStatus use = Team.step(run, "use");
      assertThat(build.getStartTime()).isAfterOrEqualTo(checkout.getCompletionTime());
      assertThat(use.getStartTime()).isAfterOrEqualTo(build.getCompletionTime());
      assertThat(build.getArtifactUrls()).singleElement().asString().startsWith("s3://");
      String useLog = team.log(run, "use");
      assertThat(useLog).contains("built from 1.2.3", "nested", "token=***");
      assertThat(useLog)
          .doesNotContain(
              TOKEN, Base64.getEncoder().withoutPadding().encodeToString(TOKEN.getBytes()));
      // the clone helper's own output is archived ahead of the step's
      assertThat(team.log(run, "build")).contains("==> clone <==", "checked out " + commit);
      // ...as the helpers reported it in their termination messages (decision 0088), which the
      // kubelet kept: the archive needed no log request for them
      Map<String, String> reported = helperMessages(team, build.getJobName());
      assertThat(reported.get("clone"))
          .startsWith("c8s-output ")
          .endsWith("checked out " + commit + "\n");
      assertThat(reported.get("upload")).startsWith("c8s-output ").contains("uploading");
    }
  }

  /** The termination message each ended helper container of the Job's pod left, by name. */
  private static Map<String, String> helperMessages(Team team, String job) {
    Pod pod =
        team.platform
            .admin()
            .pods()
            .inNamespace(team.namespace)
            .withLabel("batch.kubernetes.io/job-name", job)
            .list()
            .getItems()
            .get(0);
    Map<String, String> messages = new TreeMap<>();
    Stream.of(pod.getStatus().getInitContainerStatuses(), pod.getStatus().getContainerStatuses())
        .flatMap(List::stream)
        .filter(c -> !"step".equals(c.getName()) && c.getState().getTerminated() != null)
        .forEach(c -> messages.put(c.getName(), c.getState().getTerminated().getMessage()));
    return messages;
  }

  private static String onlyRun(Team team) {
    List<PipelineRun> runs =
        team.platform
            .admin()
            .resources(PipelineRun.class)
            .inNamespace(team.namespace)
            .list()
            .getItems();
    return runs.size() == 1 ? runs.get(0).getMetadata().getName() : null;
  }
}
