package dev.c8s.model.engine;

import static dev.c8s.model.engine.Pipelines.cleanup;
import static dev.c8s.model.engine.Pipelines.decide;
import static dev.c8s.model.engine.Pipelines.onBranch;
import static dev.c8s.model.engine.Pipelines.pipeline;
import static dev.c8s.model.engine.Pipelines.run;
import static dev.c8s.model.engine.Pipelines.skipped;
import static dev.c8s.model.engine.Pipelines.started;
import static dev.c8s.model.engine.Pipelines.states;
import static dev.c8s.model.engine.Pipelines.step;
import static dev.c8s.model.v1alpha1.StepPhase.Failed;
import static dev.c8s.model.v1alpha1.StepPhase.Pending;
import static dev.c8s.model.v1alpha1.StepPhase.Running;
import static dev.c8s.model.v1alpha1.StepPhase.Skipped;
import static dev.c8s.model.v1alpha1.StepPhase.Succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.RunPhase;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which steps start, which are skipped, and the run's phase, for each shape of pipeline. */
class PipelineEngineOrderTest {

  static final PipelineConfigSpec SEQUENTIAL = pipeline(step("a"), step("b"), step("c"));
  static final PipelineConfigSpec DIAMOND =
      pipeline(step("a"), step("b", "a"), step("c", "a"), step("d", "b", "c"));
  static final PipelineConfigSpec FAN_IN = pipeline(step("a"), step("b"), step("c", "a", "b"));
  static final PipelineConfigSpec WITH_CLEANUP =
      pipeline(step("test"), cleanup(step("cleanup")), step("deploy"));
  static final PipelineConfigSpec DAG_WITH_CLEANUP =
      pipeline(step("test"), step("deploy", "test"), cleanup(step("report", "test")));

  record Row(
      String behaviour,
      PipelineConfigSpec pipeline,
      Map<String, StepState> states,
      List<String> start,
      List<String> skip,
      RunPhase phase) {
    @Override
    public String toString() {
      return behaviour;
    }
  }

  static Stream<Arguments> table() {
    return Stream.of(
            new Row(
                "sequential list starts only the first step",
                SEQUENTIAL,
                states(),
                List.of("a"),
                List.of(),
                RunPhase.Running),
            new Row(
                "sequential list starts the next step after the previous succeeded",
                SEQUENTIAL,
                states("a", Succeeded),
                List.of("b"),
                List.of(),
                RunPhase.Running),
            new Row(
                "sequential list waits while a step runs",
                SEQUENTIAL,
                states("a", Succeeded, "b", Running),
                List.of(),
                List.of(),
                RunPhase.Running),
            new Row(
                "sequential failure skips every later step and fails the run",
                SEQUENTIAL,
                states("a", Failed),
                List.of(),
                List.of("b", "c"),
                RunPhase.Failed),
            new Row(
                "sequential list succeeds when every step succeeded",
                SEQUENTIAL,
                states("a", Succeeded, "b", Succeeded, "c", Succeeded),
                List.of(),
                List.of(),
                RunPhase.Succeeded),
            new Row(
                "DAG starts every step without dependsOn at once",
                FAN_IN,
                states(),
                List.of("a", "b"),
                List.of(),
                RunPhase.Running),
            new Row(
                "diamond starts both branches after the root",
                DIAMOND,
                states("a", Succeeded),
                List.of("b", "c"),
                List.of(),
                RunPhase.Running),
            new Row(
                "diamond join waits for its slower branch",
                DIAMOND,
                states("a", Succeeded, "b", Succeeded, "c", Running),
                List.of(),
                List.of(),
                RunPhase.Running),
            new Row(
                "diamond join starts once both branches succeeded",
                DIAMOND,
                states("a", Succeeded, "b", Succeeded, "c", Succeeded),
                List.of("d"),
                List.of(),
                RunPhase.Running),
            new Row(
                "fan-in after a failure waits for the other branch",
                FAN_IN,
                states("a", Failed, "b", Running),
                List.of(),
                List.of(),
                RunPhase.Running),
            new Row(
                "fan-in after a failure skips the join and fails the run",
                FAN_IN,
                states("a", Failed, "b", Succeeded),
                List.of(),
                List.of("c"),
                RunPhase.Failed),
            new Row(
                "cleanup step with onSuccess false runs after a failure",
                WITH_CLEANUP,
                states("test", Failed),
                List.of("cleanup"),
                List.of(),
                RunPhase.Running),
            new Row(
                "step after a cleanup step is still skipped after an earlier failure",
                WITH_CLEANUP,
                states("test", Failed, "cleanup", Succeeded),
                List.of(),
                List.of("deploy"),
                RunPhase.Failed),
            new Row(
                "DAG cleanup runs while the failed step's other dependants are skipped",
                DAG_WITH_CLEANUP,
                states("test", Failed),
                List.of("report"),
                List.of("deploy"),
                RunPhase.Running),
            new Row(
                "cleanup step also runs after success",
                WITH_CLEANUP,
                states("test", Succeeded),
                List.of("cleanup"),
                List.of(),
                RunPhase.Running))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void decidesStartsSkipsAndPhase(Row row) {
    Decision decision = decide(row.pipeline(), row.states());
    assertThat(started(decision)).as("started").isEqualTo(row.start());
    assertThat(skipped(decision)).as("skipped").isEqualTo(row.skip());
    assertThat(decision.phase()).as("phase").isEqualTo(row.phase());
  }

  @Test
  void failedRunNamesTheFailedStep() {
    Decision decision = decide(SEQUENTIAL, states("a", Failed));
    assertThat(decision.reason()).isEqualTo(RunReason.StepFailed);
    assertThat(decision.message()).isEqualTo("Step \"a\" failed");
    assertThat(decision.skip())
        .allSatisfy(s -> assertThat(s.reason()).isEqualTo(StepReason.DependencyFailed))
        .allSatisfy(s -> assertThat(s.message()).isEqualTo("not run: step \"a\" failed"));
  }

  @Test
  void branchConditionSkipsTheStepButNotItsDependants() {
    PipelineConfigSpec pipeline =
        pipeline(step("test"), onBranch("main", step("deploy")), step("notify"));
    Decision decision =
        decide(pipeline, run("feature/login"), states("test", Succeeded), Pipelines.T0);
    assertThat(skipped(decision)).containsExactly("deploy");
    assertThat(decision.skip().get(0).reason()).isEqualTo(StepReason.BranchConditionNotMet);
    assertThat(decision.skip().get(0).message())
        .isEqualTo("not run: branch \"feature/login\" does not match \"main\"");
    assertThat(started(decision)).containsExactly("notify");
  }

  @Test
  void branchGlobStarMatchesAcrossSlashes() {
    PipelineConfigSpec pipeline = pipeline(onBranch("release/*", step("publish")));
    Decision decision = decide(pipeline, run("release/2025/10"), states(), Pipelines.T0);
    assertThat(started(decision)).containsExactly("publish");
  }

  @Test
  void runWhoseStepsWereAllSkippedByBranchSucceeds() {
    PipelineConfigSpec pipeline = pipeline(onBranch("main", step("deploy")));
    Decision decision = decide(pipeline, run("develop"), states(), Pipelines.T0);
    assertThat(decision.phase()).isEqualTo(RunPhase.Succeeded);
    assertThat(decision.reason()).isEqualTo(RunReason.AllStepsSucceeded);
  }

  @Test
  void stepDeclaredBeforeItsDependencyStartsInTheSameDecisionAsTheSkipThatUnblocksIt() {
    PipelineConfigSpec pipeline = pipeline(step("late", "gate"), onBranch("main", step("gate")));
    Decision decision = decide(pipeline, run("dev"), states(), Pipelines.T0);
    assertThat(skipped(decision)).containsExactly("gate");
    assertThat(started(decision)).containsExactly("late");
  }

  @Test
  void dependencyCycleFailsTheRunNamingTheCycle() {
    PipelineConfigSpec pipeline = pipeline(step("build", "test"), step("test", "build"));
    Decision decision = decide(pipeline, states());
    assertThat(decision.phase()).isEqualTo(RunPhase.Failed);
    assertThat(decision.reason()).isEqualTo(RunReason.InvalidPipeline);
    assertThat(decision.message()).contains("build -> test -> build");
    assertThat(skipped(decision)).containsExactly("build", "test");
  }

  @Test
  void pendingStepsAreNotRestartedWhileAlreadyRunningOrDone() {
    Decision decision = decide(DIAMOND, states("a", Succeeded, "b", Running, "c", Pending));
    assertThat(started(decision)).containsExactly("c");
  }

  @Test
  void skippedStepIsNeverSkippedAgain() {
    Decision decision = decide(SEQUENTIAL, states("a", Failed, "b", Skipped, "c", Skipped));
    assertThat(decision.skip()).isEmpty();
    assertThat(decision.phase()).isEqualTo(RunPhase.Failed);
  }
}
