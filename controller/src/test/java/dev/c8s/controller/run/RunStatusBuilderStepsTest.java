package dev.c8s.controller.run;

import static dev.c8s.controller.run.RunStatusBuilderTest.condition;
import static dev.c8s.controller.run.RunStatusBuilderTest.observed;
import static dev.c8s.controller.run.RunStatusBuilderTest.pipeline;
import static dev.c8s.controller.run.RunStatusBuilderTest.run;
import static dev.c8s.controller.run.RunStatusBuilderTest.running;
import static dev.c8s.controller.run.RunStatusBuilderTest.runningSince;
import static dev.c8s.controller.run.RunStatusBuilderTest.writes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.engine.Decision.StepOutcome;
import dev.c8s.model.engine.RunReason;
import dev.c8s.model.engine.StepReason;
import dev.c8s.model.engine.StepState;
import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the status builder records each step: its Job, start, end, log and {@code LogsArchived}. */
class RunStatusBuilderStepsTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static final Instant LATER = Instant.parse("2026-11-28T12:01:00Z");

  @Test
  void anObservedStepRecordsItsJobOutcomeExitCodeAndTimesToTheSecond() {
    StepObservation failed =
        new StepObservation(
            new StepState(StepPhase.Failed, StepReason.Error, NOW.plusMillis(750)),
            2,
            "step exited with code 2",
            LATER.plusMillis(300));
    StepStatus step =
        new RunStatusBuilder(run(running(), 1L), LATER.plusMillis(300))
            .observed(observed("build", failed))
            .build()
            .getSteps()
            .get(0);

    assertThat(step.getPhase()).isEqualTo(StepPhase.Failed);
    assertThat(step.getReason()).isEqualTo("Error");
    assertThat(step.getExitCode()).isEqualTo(2);
    assertThat(step.getMessage()).isEqualTo("step exited with code 2");
    assertThat(step.getJobName()).isEqualTo("r-1-build");
    assertThat(step.getStartTime()).isEqualTo(NOW);
    assertThat(step.getCompletionTime()).isEqualTo(LATER);
  }

  @Test
  void aStepThatEndedKeepsItsCompletionTimeWhenObservedAgain() {
    PipelineRunStatus ended = running();
    ended.getSteps().get(0).setPhase(StepPhase.Succeeded);
    ended.getSteps().get(0).setCompletionTime(NOW);
    var run = run(ended, 1L);
    RunStatusBuilder again =
        new RunStatusBuilder(run, LATER.plusMillis(300))
            .observed(observed("build", runningSince(LATER.plusMillis(300))));

    assertThat(writes(run, again)).isFalse();
    assertThat(again.build().getSteps().get(0).getCompletionTime()).isEqualTo(NOW);
    assertThat(again.build().getSteps().get(0).getPhase()).isEqualTo(StepPhase.Succeeded);
  }

  @Test
  void aStepWaitingForQuotaStaysPendingWithTheShortageThenRunsUnderItsJobOnceStarted() {
    RunStatusBuilder builder =
        new RunStatusBuilder(run(null, 1L), NOW)
            .start(pipeline("build"))
            .started("build", "r-1-build", new StepStart.WaitingForQuota("requests.cpu: 0.1 left"));
    StepStatus waiting = builder.build().getSteps().get(0);
    assertThat(waiting.getPhase()).isEqualTo(StepPhase.Pending);
    assertThat(waiting.getReason()).isEqualTo("WaitingForQuota");
    assertThat(waiting.getMessage()).contains("requests.cpu: 0.1 left");
    assertThat(waiting.getStartTime()).isNull();

    StepStatus started =
        new RunStatusBuilder(run(builder.build(), 1L), LATER.plusMillis(300))
            .started("build", "r-1-build", new StepStart.Started(null))
            .build()
            .getSteps()
            .get(0);
    assertThat(started.getPhase()).isEqualTo(StepPhase.Running);
    assertThat(started.getReason()).isEqualTo("Started");
    assertThat(started.getMessage()).isNull();
    assertThat(started.getJobName()).isEqualTo("r-1-build");
    assertThat(started.getStartTime()).isEqualTo(LATER);
  }

  @Test
  void aStartedStepStartsWhenTheApiServerCreatedItsJobNotWhenThePassBegan() {
    // The pass began in the second before the Job's creation: the next pass reads the Job's time.
    StepStatus started =
        new RunStatusBuilder(run(running(), 1L), NOW.plusMillis(900))
            .started("build", "r-1-build", new StepStart.Started(NOW.plusMillis(1100)))
            .build()
            .getSteps()
            .get(0);

    assertThat(started.getStartTime()).isEqualTo(NOW.plusSeconds(1));
  }

  @Test
  void aJobTheApiServerRefusedFailsItsStepNowWithTheServersAnswer() {
    StepStatus step =
        new RunStatusBuilder(run(null, 1L), NOW)
            .start(pipeline("build"))
            .started("build", "r-1-build", new StepStart.Rejected("denied by policy no-root"))
            .build()
            .getSteps()
            .get(0);

    assertThat(step.getPhase()).isEqualTo(StepPhase.Failed);
    assertThat(step.getReason()).isEqualTo("JobRejected");
    assertThat(step.getMessage()).contains("denied by policy no-root");
    assertThat(step.getCompletionTime()).isEqualTo(NOW);
  }

  @Test
  void aStoppedStepEndsNowButASkippedStepThatNeverStartedGetsNoCompletionTime() {
    PipelineRunStatus status = running();
    status.getSteps().add(new StepStatus("deploy", StepPhase.Pending));
    List<StepStatus> steps =
        new RunStatusBuilder(run(status, 1L), LATER.plusMillis(300))
            .ended(
                List.of(
                    new StepOutcome("build", StepPhase.Failed, StepReason.PipelineTimedOut, "t"),
                    new StepOutcome("deploy", StepPhase.Skipped, StepReason.PipelineTimedOut, "t")))
            .build()
            .getSteps();

    assertThat(steps.get(0).getPhase()).isEqualTo(StepPhase.Failed);
    assertThat(steps.get(0).getReason()).isEqualTo("PipelineTimedOut");
    assertThat(steps.get(0).getCompletionTime()).isEqualTo(LATER);
    assertThat(steps.get(1).getPhase()).isEqualTo(StepPhase.Skipped);
    assertThat(steps.get(1).getCompletionTime()).isNull();
  }

  @Test
  void anArchivedLogGivesItsStepTheLogAndArtifactUrls() {
    StepStatus step =
        new RunStatusBuilder(run(finished("build", "test"), 1L), LATER)
            .log(new LogResult.Archived("build", "s3://logs/build.log", "s3://art/build.tgz"))
            .build()
            .getSteps()
            .get(0);

    assertThat(step.getLogUrl()).isEqualTo("s3://logs/build.log");
    assertThat(step.getArtifactUrls()).containsExactly("s3://art/build.tgz");
  }

  @Test
  void aLogArchivedWithoutUrlsLeavesTheStepsEarlierUrlsAlone() {
    PipelineRunStatus status = finished("build");
    status.getSteps().get(0).setLogUrl("s3://logs/build.log");
    var run = run(status, 1L);
    RunStatusBuilder builder =
        new RunStatusBuilder(run, LATER).log(new LogResult.Archived("build", null, null));

    assertThat(writes(run, builder)).isFalse();
    assertThat(builder.build().getSteps().get(0).getLogUrl()).isEqualTo("s3://logs/build.log");
  }

  @Test
  void aLogObjectStorageRefusedMarksTheLogsAsNotArchivedYetAndToBeRetried() {
    PipelineRunStatus deferred =
        new RunStatusBuilder(run(finished("build"), 1L), NOW)
            .log(new LogResult.Deferred("build", "503 SlowDown"))
            .logsSettled()
            .build();

    Condition logs = condition(deferred, RunStatusBuilder.LOGS_ARCHIVED);
    assertThat(logs.getStatus()).isEqualTo(ConditionStatus.FALSE);
    assertThat(logs.getReason()).isEqualTo(RunStatusBuilder.STORAGE_UNAVAILABLE);
    assertThat(logs.getMessage()).contains("build", "503 SlowDown");
    assertThat(RunStatusBuilder.logsPending(deferred)).isTrue();
    assertThat(RunStatusBuilder.awaitingLogs(deferred)).containsExactly("build");
  }

  @Test
  void theLogsAreArchivedOnlyOnceEveryFinishedStepHasItsLog() {
    PipelineRunStatus deferred =
        new RunStatusBuilder(run(finished("build", "test"), 1L), NOW)
            .log(new LogResult.Deferred("build", "503"))
            .log(new LogResult.Deferred("test", "503"))
            .build();

    PipelineRunStatus half =
        new RunStatusBuilder(run(deferred, 1L), LATER)
            .log(new LogResult.Archived("build", "s3://logs/build.log", null))
            .logsSettled()
            .build();
    assertThat(condition(half, RunStatusBuilder.LOGS_ARCHIVED).getStatus())
        .isEqualTo(ConditionStatus.FALSE);
    assertThat(RunStatusBuilder.awaitingLogs(half)).containsExactly("test");

    PipelineRunStatus all =
        new RunStatusBuilder(run(half, 1L), LATER.plusSeconds(60))
            .log(new LogResult.Archived("test", "s3://logs/test.log", null))
            .logsSettled()
            .build();
    Condition logs = condition(all, RunStatusBuilder.LOGS_ARCHIVED);
    assertThat(logs.getStatus()).isEqualTo(ConditionStatus.TRUE);
    assertThat(logs.getReason()).isEqualTo("Archived");
    assertThat(logs.getLastTransitionTime()).isEqualTo(LATER.plusSeconds(60));
    assertThat(RunStatusBuilder.logsPending(all)).isFalse();
  }

  @Test
  void aLostLogIsReportedAndNoLongerRetried() {
    PipelineRunStatus lost =
        new RunStatusBuilder(run(finished("build"), 1L), NOW)
            .log(new LogResult.Deferred("build", "503"))
            .build();
    PipelineRunStatus after =
        new RunStatusBuilder(run(lost, 1L), LATER)
            .log(new LogResult.Lost("build", "its pod was gone"))
            .logsSettled(Map.of("build", "its pod was gone"))
            .build();

    Condition logs = condition(after, RunStatusBuilder.LOGS_ARCHIVED);
    assertThat(logs.getStatus()).isEqualTo(ConditionStatus.FALSE);
    assertThat(logs.getReason()).isEqualTo("LogsLost");
    assertThat(logs.getMessage()).contains("build", "its pod was gone");
    assertThat(logs.getLastTransitionTime()).as("still False since the outage").isEqualTo(NOW);
    assertThat(RunStatusBuilder.logsPending(after)).isFalse();
  }

  @Test
  void logsBeingArchivedMarkTheRunArchivingUntilTheLastIsInThenArchived() {
    PipelineRunStatus archiving =
        new RunStatusBuilder(run(finished("build", "test"), 1L), NOW).archiving().build();
    Condition logs = condition(archiving, RunStatusBuilder.LOGS_ARCHIVED);
    assertThat(logs.getStatus()).isEqualTo(ConditionStatus.UNKNOWN);
    assertThat(logs.getReason()).isEqualTo(RunStatusBuilder.ARCHIVING);
    assertThat(RunStatusBuilder.logsPending(archiving)).isTrue();

    PipelineRunStatus done =
        new RunStatusBuilder(run(archiving, 1L), LATER)
            .log(new LogResult.Archived("build", "s3://logs/build.log", null))
            .log(new LogResult.Archived("test", null, null))
            .logsSettled(Map.of("test", ""))
            .build();
    assertThat(condition(done, RunStatusBuilder.LOGS_ARCHIVED).getStatus())
        .as("a step with nothing to store counts as settled")
        .isEqualTo(ConditionStatus.TRUE);
    assertThat(RunStatusBuilder.logsPending(done)).isFalse();
  }

  @Test
  void aRefusalStaysReportedWhileItsRetryIsUnderWay() {
    PipelineRunStatus refused =
        new RunStatusBuilder(run(finished("build"), 1L), NOW)
            .log(new LogResult.Deferred("build", "503"))
            .build();

    PipelineRunStatus retrying = new RunStatusBuilder(run(refused, 1L), LATER).archiving().build();

    assertThat(condition(retrying, RunStatusBuilder.LOGS_ARCHIVED).getReason())
        .isEqualTo(RunStatusBuilder.STORAGE_UNAVAILABLE);
  }

  @Test
  void aLogLostInTheSamePassAsAnotherIsDeferredKeepsTheDeferredOneRetried() {
    PipelineRunStatus status =
        new RunStatusBuilder(run(finished("build", "test"), 1L), NOW)
            .log(new LogResult.Deferred("build", "503"))
            .log(new LogResult.Lost("test", "its pod was gone"))
            .build();

    Condition logs = condition(status, RunStatusBuilder.LOGS_ARCHIVED);
    assertThat(logs.getReason()).isEqualTo(RunStatusBuilder.STORAGE_UNAVAILABLE);
    assertThat(RunStatusBuilder.logsPending(status)).isTrue();
  }

  @Test
  void withoutAnyRefusedLogTheLogsConditionNeverAppears() {
    PipelineRunStatus status =
        new RunStatusBuilder(run(finished("build"), 1L), NOW).logsSettled().build();

    assertThat(status.getConditions())
        .extracting(Condition::getType)
        .doesNotContain(RunStatusBuilder.LOGS_ARCHIVED);
    assertThat(RunStatusBuilder.logsPending(status)).isFalse();
    assertThat(RunStatusBuilder.logsPending(null)).isFalse();
  }

  @Test
  void onlyFinishedStepsThatRanAJobAwaitALog() {
    PipelineRunStatus status =
        new RunStatusBuilder(run(null, 1L), NOW)
            .start(pipeline("built", "running", "skipped", "pending"))
            .observed(observed("built", ended(StepPhase.Succeeded)))
            .observed(observed("running", runningSince(NOW)))
            .ended(
                List.of(
                    new StepOutcome(
                        "skipped", StepPhase.Skipped, StepReason.DependencyFailed, "skipped")))
            .build();

    assertThat(RunStatusBuilder.awaitingLogs(status)).containsExactly("built");
    assertThat(RunStatusBuilder.awaitingLogs(new PipelineRunStatus())).isEmpty();
  }

  /** A Succeeded run whose {@code steps} all succeeded under their Jobs, no log archived yet. */
  private static PipelineRunStatus finished(String... steps) {
    RunStatusBuilder builder = new RunStatusBuilder(run(null, 1L), NOW).start(pipeline(steps));
    for (String step : steps) {
      builder.observed(observed(step, ended(StepPhase.Succeeded)));
    }
    return builder.phase(RunPhase.Succeeded, RunReason.AllStepsSucceeded, "done").build();
  }

  private static StepObservation ended(StepPhase phase) {
    return new StepObservation(new StepState(phase, StepReason.Completed, NOW), 0, null, NOW);
  }
}
