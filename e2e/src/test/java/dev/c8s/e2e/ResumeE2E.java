package dev.c8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.engine.StepReason;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import dev.c8s.testing.node.NodeImages;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * On real containers: a run that failed at its test step is resumed from there once the cause is
 * fixed; the build is not run again and the steps after it get the very artifact the first run
 * built.
 */
class ResumeE2E {
  private static final Pattern BUILT = Pattern.compile("built once at ([0-9a-f-]{36})");

  @Test
  void aResumedRunReusesTheBuildAndItsArtifactAndRunsOnlyTheFailedStepAndItsDependants() {
    try (Team team = Team.create("resume", Team.GIT_PASSWORD)) {
      String commit = team.git.commit(Map.of("README.md", "resume\n"), "first");
      team.secret("gate", Map.of("signal", "red-light"));
      team.pipeline(
          """
            timeout: 10m
            steps:
              - name: build
                image: %1$s
                commands: ["echo \\"built once at $(cat /proc/sys/kernel/random/uuid)\\" > app", "cat app"]
                artifacts: ["app"]
                resources: {cpu: 100m, memory: 64Mi}
              - name: test
                image: %1$s
                dependsOn: [build]
                commands: ["cat app", "test \\"$SIGNAL\\" = green-light"]
                secrets:
                  - {secretRef: gate, key: signal, envVar: SIGNAL}
                resources: {cpu: 100m, memory: 64Mi}
              - name: deploy
                image: %1$s
                dependsOn: [test]
                commands: ["cat app"]
                resources: {cpu: 100m, memory: 64Mi}
          """
              .formatted(NodeImages.STEP));
      PipelineRun failed = team.awaitEnded(team.run("resume-1", commit), Duration.ofMinutes(3));
      assertThat(failed.getStatus().getPhase())
          .as(Serialization.asYaml(failed.getStatus()))
          .isEqualTo(RunPhase.Failed);
      String built = built(team.log(failed, "build"));

      team.secret("gate", Map.of("signal", "green-light"));
      team.platform
          .admin()
          .resource(
              Serialization.unmarshal(
                  """
                  apiVersion: c8s.dev/v1alpha1
                  kind: PipelineRun
                  metadata:
                    name: resume-2
                    namespace: %s
                  spec:
                    pipelineConfigRef: app-ci
                    commit: %s
                    branch: main
                    resumeFrom: resume-1
                  """
                      .formatted(team.namespace, commit),
                  PipelineRun.class))
          .create();
      PipelineRun resumed = team.awaitEnded("resume-2", Duration.ofMinutes(3));

      assertThat(resumed.getStatus().getPhase())
          .as(Serialization.asYaml(resumed.getStatus()))
          .isEqualTo(RunPhase.Succeeded);
      StepStatus build = Team.step(resumed, "build");
      assertThat(build.getReason()).isEqualTo(StepReason.Reused.name());
      assertThat(build.getReusedFrom()).isEqualTo("resume-1");
      assertThat(build.getLogUrl()).isEqualTo(Team.step(failed, "build").getLogUrl());
      assertThat(
              team.platform
                  .admin()
                  .batch()
                  .v1()
                  .jobs()
                  .inNamespace(team.namespace)
                  .withName("resume-2-build")
                  .get())
          .isNull();
      assertThat(built(team.log(resumed, "test"))).isEqualTo(built);
      assertThat(built(team.log(resumed, "deploy"))).isEqualTo(built);
    }
  }

  private static String built(String log) {
    Matcher m = BUILT.matcher(log);
    assertThat(m.find()).as("\"built once at\" in:\n" + log).isTrue();
    return m.group(1);
  }
}
