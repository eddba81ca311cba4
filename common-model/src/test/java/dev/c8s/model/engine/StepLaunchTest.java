package dev.c8s.model.engine;

import static dev.c8s.model.engine.Pipelines.T0;
import static dev.c8s.model.engine.Pipelines.pipeline;
import static dev.c8s.model.engine.Pipelines.run;
import static dev.c8s.model.engine.Pipelines.states;
import static dev.c8s.model.engine.Pipelines.step;
import static dev.c8s.model.v1alpha1.StepPhase.Succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PullRequest;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepResources;
import dev.c8s.model.v1alpha1.StepSecret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A started step carries everything the executor needs, with defaults and matrix values. */
class StepLaunchTest {

  @Test
  void defaultsApplyWhenTheStepLeavesResourcesAndTimeoutOut() {
    StepLaunch launch = only(pipeline(step("test")), run("main"));
    assertThat(launch.cpu()).isEqualTo("500m");
    assertThat(launch.memory()).isEqualTo("1Gi");
    assertThat(launch.timeout()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void declaredResourcesTimeoutCommandsAndSecretsPassThrough() {
    Step step = step("test");
    step.setResources(new StepResources("1000m", "2Gi"));
    step.setTimeout("10m");
    step.setSecrets(List.of(new StepSecret("db", "DB_PASSWORD", "DATABASE_PASSWORD")));
    StepLaunch launch = only(pipeline(step), run("main"));
    assertThat(launch.cpu()).isEqualTo("1000m");
    assertThat(launch.memory()).isEqualTo("2Gi");
    assertThat(launch.timeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(launch.commands()).containsExactly("echo test");
    assertThat(launch.secrets())
        .singleElement()
        .extracting(StepSecret::getEnvVar)
        .isEqualTo("DATABASE_PASSWORD");
  }

  @Test
  void matrixValuesBecomeEnvironmentAndAreSubstitutedIntoTheImage() {
    Step step = step("test");
    step.setImage("golang:${GO}-${OS}");
    PipelineRunSpec run = run("main");
    run.setMatrixIndex(Map.of("GO", "1.22", "OS", "alpine"));
    StepLaunch launch = only(pipeline(step), run);
    assertThat(launch.image()).isEqualTo("golang:1.22-alpine");
    assertThat(launch.env())
        .containsEntry("GO", "1.22")
        .containsEntry("OS", "alpine")
        .containsEntry("COMMIT_SHA", "abc123def456")
        .containsEntry("BRANCH", "main");
  }

  @Test
  void upstreamArtifactsComeFromEveryAncestorThatDeclaresArtifacts() {
    Step build = step("build");
    build.setArtifacts(List.of("app"));
    Step docs = step("docs");
    docs.setArtifacts(List.of("site/**"));
    Step lint = step("lint");
    PipelineConfigSpec pipeline =
        pipeline(build, docs, lint, step("package", "build", "lint"), step("push", "package"));
    StepLaunch push =
        PipelineEngine.decide(
                new EngineInput(
                    pipeline,
                    run("main"),
                    null,
                    T0,
                    states(
                        "build", Succeeded, "docs", Succeeded, "lint", Succeeded, "package",
                        Succeeded),
                    T0))
            .start()
            .get(0);
    assertThat(push.name()).isEqualTo("push");
    assertThat(push.upstreamArtifacts()).containsExactly("build");
  }

  @Test
  void sequentialStepsDownloadArtifactsOfEveryEarlierStep() {
    Step build = step("build");
    build.setArtifacts(List.of("app"));
    PipelineConfigSpec pipeline = pipeline(build, step("test"), step("push"));
    StepLaunch push =
        PipelineEngine.decide(
                new EngineInput(
                    pipeline,
                    run("main"),
                    null,
                    T0,
                    states("build", Succeeded, "test", Succeeded),
                    T0))
            .start()
            .get(0);
    assertThat(push.upstreamArtifacts()).containsExactly("build");
  }

  private static StepLaunch only(PipelineConfigSpec pipeline, PipelineRunSpec run) {
    return PipelineEngine.decide(new EngineInput(pipeline, run, null, null, Map.of(), T0))
        .start()
        .get(0);
  }

  @Test
  void aRunWithoutSecretsLaunchesItsStepsWithoutThem() {
    Step step = step("test");
    step.setSecrets(List.of(new StepSecret("db", "DB_PASSWORD", "DATABASE_PASSWORD")));
    PipelineRunSpec run = run("main");
    run.setWithoutSecrets(true);

    assertThat(only(pipeline(step), run).secrets()).isEmpty();
  }

  @Test
  void aPullRequestRunTellsTheStepsItsNumberAndBaseBranch() {
    PullRequest pr = new PullRequest();
    pr.setNumber(42L);
    pr.setBaseBranch("main");
    PipelineRunSpec run = run("feature/login");
    run.setPullRequest(pr);

    assertThat(only(pipeline(step("test")), run).env())
        .containsEntry("PULL_REQUEST", "42")
        .containsEntry("BASE_BRANCH", "main")
        .containsEntry("BRANCH", "feature/login");
  }
}
