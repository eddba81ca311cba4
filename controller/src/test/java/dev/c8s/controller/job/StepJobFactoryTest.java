package dev.c8s.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.engine.StepLaunch;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.StepSecret;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Job of a step, built without a cluster. */
class StepJobFactoryTest {
  private static final JobSettings SETTINGS =
      new JobSettings("alpine/git:2.47.2", "curlimages/curl:8.11.1", Duration.ofHours(1));

  @Test
  void secretsReachTheStepOnlyAsSecretKeyReferences() {
    Job job =
        build(
            launch(
                List.of(
                    new StepSecret("db", "DB_PASSWORD", "DATABASE_PASSWORD"),
                    new StepSecret("registry", "TOKEN", null)),
                List.of()),
            StepTransfers.NONE);
    List<EnvVar> env = container(job, "step").getEnv();
    assertThat(env)
        .filteredOn(e -> e.getName().equals("DATABASE_PASSWORD"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getValue()).isNull();
              assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("db");
              assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("DB_PASSWORD");
            });
    assertThat(env).extracting(EnvVar::getName).contains("TOKEN", "COMMIT_SHA");
  }

  @Test
  void commandsRunUnderSetMinusEInTheWorkspace() {
    Container step = container(build(launch(List.of(), List.of()), StepTransfers.NONE), "step");
    assertThat(step.getCommand()).containsExactly("sh", "-c", "set -e\ngo test ./...\n");
    assertThat(step.getWorkingDir()).isEqualTo("/workspace");
  }

  @Test
  void aStoppedStepHasTenSecondsToCleanUpNotKubernetesThirty() {
    Job job = build(launch(List.of(), List.of()), StepTransfers.NONE);
    assertThat(job.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isEqualTo(10L);
  }

  @Test
  void cloneInitContainerGetsRepositoryCommitAndOptionalCredentials() {
    Job job =
        StepJobFactory.build(
            run("r1"),
            "https://github.com/org/app",
            launch(List.of(), List.of()),
            StepTransfers.NONE,
            new GitCredentials("git-auth"),
            SETTINGS);
    Container clone = job.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    assertThat(clone.getName()).isEqualTo("clone");
    assertThat(clone.getImage()).isEqualTo("alpine/git:2.47.2");
    assertThat(clone.getEnv())
        .extracting(EnvVar::getName)
        .containsExactly(
            "C8S_REPOSITORY",
            "C8S_COMMIT",
            "GIT_USERNAME",
            "GIT_PASSWORD",
            "GIT_SSH_KEY",
            "GIT_KNOWN_HOSTS");
    assertThat(clone.getEnv().get(3).getValueFrom().getSecretKeyRef().getOptional()).isTrue();
    assertThat(clone.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(clone.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
  }

  @Test
  void uploadContainerExistsOnlyWhenTheStepDeclaresArtifactsAndHasAnUploadUrl() {
    StepLaunch withArtifacts = launch(List.of(), List.of("app", "dist/**/*"));
    Job job = build(withArtifacts, new StepTransfers("https://s3/put?sig=1", Map.of()));
    Container upload = container(job, "upload");
    assertThat(upload.getCommand().get(2))
        .contains("-path './app'", "-path './dist/*'", "'https://s3/put?sig=1'");
    assertThat(container(job, "step").getCommand().get(2)).contains("/c8s/upload-done");
    assertThat(
            build(launch(List.of(), List.of()), StepTransfers.NONE)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers())
        .extracting(Container::getName)
        .containsExactly("step");
  }

  @Test
  void downloadInitContainerFetchesEveryUpstreamArchive() {
    Job job =
        build(
            launch(List.of(), List.of()),
            new StepTransfers(null, Map.of("build", "https://s3/get?sig=2")));
    Container download = job.getSpec().getTemplate().getSpec().getInitContainers().get(1);
    assertThat(download.getName()).isEqualTo("download");
    assertThat(download.getCommand().get(2))
        .contains("'https://s3/get?sig=2'", "step build left no artifacts");
  }

  @Test
  void longRunAndStepNamesGiveA63CharacterJobNameThatStaysDistinct() {
    String run = "a-very-long-pipeline-configuration-name-for-the-payments-service-x7k2p";
    String a = KubernetesNames.jobName(run, "integration-tests");
    String b = KubernetesNames.jobName(run, "integration-tests-2");
    assertThat(a)
        .hasSizeLessThanOrEqualTo(63)
        .isNotEqualTo(b)
        .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(KubernetesNames.jobName(run, "integration-tests")).isEqualTo(a);
    assertThat(KubernetesNames.jobName("short", "step")).isEqualTo("short-step");
  }

  @Test
  void quotedScriptArgumentsSurviveSingleQuotes() {
    assertThat(StepScripts.quote("it's")).isEqualTo("'it'\\''s'");
  }

  private static Job build(StepLaunch launch, StepTransfers transfers) {
    return StepJobFactory.build(
        run("r1"), "https://github.com/org/app", launch, transfers, GitCredentials.NONE, SETTINGS);
  }

  private static Container container(Job job, String name) {
    return job.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static StepLaunch launch(List<StepSecret> secrets, List<String> artifacts) {
    return new StepLaunch(
        "test",
        "golang:1.22",
        List.of("go test ./..."),
        Map.of("COMMIT_SHA", "abc1234"),
        secrets,
        "500m",
        "1Gi",
        Duration.ofMinutes(10),
        artifacts,
        List.of());
  }

  private static PipelineRun run(String name) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace("team-a").withUid("uid-1").build());
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setPipelineConfigRef("app-ci");
    spec.setCommit("abc1234");
    run.setSpec(spec);
    return run;
  }
}
