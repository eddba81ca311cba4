package dev.c8s.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.engine.StepLaunch;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepConditional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A local run decided by the pipeline engine: order, conditions, skips and the exit code. */
class LocalRunTest {
  private final List<String> events = new ArrayList<>();
  private final Map<String, Integer> exitCodes = new java.util.HashMap<>();

  private static Step step(String name, String... dependsOn) {
    Step step = new Step();
    step.setName(name);
    step.setImage("alpine:3.20");
    step.setCommands(List.of("echo " + name));
    step.setDependsOn(dependsOn.length == 0 ? null : List.of(dependsOn));
    return step;
  }

  private static PipelineConfigSpec pipeline(Step... steps) {
    PipelineConfigSpec spec = new PipelineConfigSpec();
    spec.setRepository("https://github.com/org/app.git");
    spec.setSteps(List.of(steps));
    return spec;
  }

  private LocalRun.Outcome run(PipelineConfigSpec pipeline, String branch, Set<String> only)
      throws InterruptedException {
    PipelineRunSpec run = new PipelineRunSpec();
    run.setCommit("4f2a9c1");
    run.setBranch(branch);
    return LocalRun.run(
        pipeline,
        run,
        only,
        launch -> new StepProcess.Exit(exitCodes.getOrDefault(launch.name(), 0), false),
        new LocalRun.Listener() {
          @Override
          public void starting(StepLaunch launch) {
            events.add("start " + launch.name() + " " + launch.env().get("BRANCH"));
          }

          @Override
          public void finished(String step, StepProcess.Exit exit, Duration took) {
            events.add("end " + step + " " + exit.exitCode());
          }

          @Override
          public void skipped(String step, String message) {
            events.add("skip " + step + ": " + message);
          }
        },
        Clock.fixed(Instant.parse("2025-05-01T12:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void stepsRunAfterTheirDependenciesOneAtATime() throws InterruptedException {
    LocalRun.Outcome outcome =
        run(pipeline(step("test", "build"), step("build"), step("lint")), "main", Set.of());

    assertThat(outcome).isEqualTo(new LocalRun.Outcome(RunPhase.Succeeded, outcome.message(), 0));
    assertThat(events)
        .containsExactly(
            // the engine offers test (declared first) and lint once build is done
            "start build main",
            "end build 0",
            "start test main",
            "end test 0",
            "start lint main",
            "end lint 0");
  }

  @Test
  void aFailedStepSkipsItsDependantsButNotACleanupStepAndGivesTheExitCode()
      throws InterruptedException {
    Step cleanup = step("cleanup", "test");
    StepConditional always = new StepConditional();
    always.setOnSuccess(false);
    cleanup.setConditional(always);
    exitCodes.put("test", 3);
    exitCodes.put("cleanup", 5);

    LocalRun.Outcome outcome =
        run(pipeline(step("test"), step("deploy", "test"), cleanup), "main", Set.of());

    assertThat(outcome.phase()).isEqualTo(RunPhase.Failed);
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.message()).isEqualTo("Step \"test\" failed");
    assertThat(events)
        .containsExactly(
            "start test main",
            "end test 3",
            "skip deploy: not run: step \"test\" failed",
            "start cleanup main",
            "end cleanup 5");
  }

  @Test
  void aBranchConditionIsEvaluatedAsInTheCluster() throws InterruptedException {
    Step release = step("release");
    StepConditional onRelease = new StepConditional();
    onRelease.setBranch("release/*");
    release.setConditional(onRelease);

    run(pipeline(step("build"), release), "feature/x", Set.of());

    assertThat(events)
        .containsExactly(
            "start build feature/x",
            "end build 0",
            "skip release: not run: branch \"feature/x\" does not match \"release/*\"");
  }

  @Test
  void onlyTheSelectedStepsRunAndTheirDependantsStillDo() throws InterruptedException {
    LocalRun.Outcome outcome =
        run(
            pipeline(step("build"), step("test", "build"), step("deploy", "test")),
            "main",
            Set.of("test", "deploy"));

    assertThat(outcome.exitCode()).isZero();
    assertThat(events)
        .containsExactly("start test main", "end test 0", "start deploy main", "end deploy 0");
  }
}
