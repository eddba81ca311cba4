package dev.c8s.controller.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the controller's metrics count, fed with status transitions and the cached runs. */
class RunMetricsTest {
  private static final Instant CREATED = Instant.parse("2026-11-28T12:00:00Z");
  private static final Instant START = CREATED.plusSeconds(5);
  private static final Instant END = START.plusSeconds(42);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RunMetrics metrics = new RunMetrics();

  @BeforeEach
  void registry() {
    metrics.registry = registry;
    metrics.gauges();
  }

  @Test
  void aRunsEndIsCountedOnceWithItsDurationEvenWhenTheNextPassWritesItAgain() {
    PipelineRunStatus running = status(RunPhase.Running, step("build", StepPhase.Running, START));
    PipelineRunStatus succeeded = ended(RunPhase.Succeeded);

    metrics.transition("uid-1", CREATED, running, succeeded);
    metrics.transition("uid-1", CREATED, running, succeeded);

    assertThat(finished("Succeeded")).isEqualTo(1.0);
    Timer duration =
        registry.get("c8s_pipelinerun_duration_seconds").tag("phase", "Succeeded").timer();
    assertThat(duration.count()).isEqualTo(1);
    assertThat(duration.totalTime(TimeUnit.SECONDS)).isEqualTo(42.0);
  }

  @Test
  void eachRunIsCountedUnderThePhaseItEndedIn() {
    PipelineRunStatus running = status(RunPhase.Running);
    metrics.transition("uid-1", CREATED, running, ended(RunPhase.Succeeded));
    metrics.transition("uid-2", CREATED, running, ended(RunPhase.Failed));
    metrics.transition("uid-3", CREATED, running, ended(RunPhase.Failed));
    metrics.transition("uid-4", CREATED, null, ended(RunPhase.Cancelled));

    assertThat(finished("Succeeded")).isEqualTo(1.0);
    assertThat(finished("Failed")).isEqualTo(2.0);
    assertThat(finished("Cancelled")).isEqualTo(1.0);
  }

  @Test
  void aStatusWrittenAfterTheRunHadEndedCountsNoEnd() {
    PipelineRunStatus succeeded = ended(RunPhase.Succeeded);

    metrics.transition("uid-1", CREATED, succeeded, ended(RunPhase.Succeeded));
    metrics.transition("uid-2", CREATED, status(RunPhase.Pending), status(RunPhase.Running));

    assertThat(registry.find("c8s_pipelineruns_finished_total").counters()).isEmpty();
  }

  @Test
  void aRunThatFailedBeforeItStartedIsCountedWithoutADuration() {
    metrics.transition("uid-1", CREATED, null, status(RunPhase.Failed));

    assertThat(finished("Failed")).isEqualTo(1.0);
    assertThat(registry.find("c8s_pipelinerun_duration_seconds").timers()).isEmpty();
  }

  @Test
  void aStepsDurationIsRecordedOnceWhenItEnds() {
    PipelineRunStatus running = status(RunPhase.Running, step("build", StepPhase.Running, START));
    PipelineRunStatus failed = status(RunPhase.Running, step("build", StepPhase.Failed, START));
    failed.getSteps().get(0).setCompletionTime(END);

    metrics.transition("uid-1", CREATED, running, failed);
    metrics.transition("uid-1", CREATED, failed, failed);

    Timer step = registry.get("c8s_step_duration_seconds").tag("phase", "Failed").timer();
    assertThat(step.count()).isEqualTo(1);
    assertThat(step.totalTime(TimeUnit.SECONDS)).isEqualTo(42.0);
  }

  @Test
  void aStepsEndWrittenAgainFromTheSameEarlierStatusIsRecordedOnce() {
    PipelineRunStatus running = status(RunPhase.Running, step("build", StepPhase.Running, START));
    PipelineRunStatus failed = status(RunPhase.Running, step("build", StepPhase.Failed, START));
    failed.getSteps().get(0).setCompletionTime(END);

    // A retried patch, or a pass that read the cache before its own write landed.
    metrics.transition("uid-1", CREATED, running, failed);
    metrics.transition("uid-1", CREATED, running, failed);

    Timer step = registry.get("c8s_step_duration_seconds").tag("phase", "Failed").timer();
    assertThat(step.count()).isEqualTo(1);
  }

  @Test
  void aSkippedStepThatNeverStartedHasNoDuration() {
    metrics.transition(
        "uid-1",
        CREATED,
        status(RunPhase.Running, new StepStatus("deploy", StepPhase.Pending)),
        status(RunPhase.Running, new StepStatus("deploy", StepPhase.Skipped)));

    assertThat(registry.find("c8s_step_duration_seconds").timers()).isEmpty();
  }

  @Test
  void theQueueWaitIsRecordedOnceFromTheRunsCreationToItsFirstJob() {
    PipelineRunStatus first = status(RunPhase.Running, step("build", StepPhase.Running, START));
    PipelineRunStatus second =
        status(
            RunPhase.Running,
            step("build", StepPhase.Running, START),
            step("test", StepPhase.Running, START.plusSeconds(30)));

    metrics.transition("uid-1", CREATED, status(RunPhase.Pending), first);
    metrics.transition("uid-1", CREATED, first, second);
    metrics.transition("uid-2", null, status(RunPhase.Pending), first);

    Timer wait = registry.get("c8s_pipelinerun_queue_wait_seconds").timer();
    assertThat(wait.count()).isEqualTo(1);
    assertThat(wait.totalTime(TimeUnit.SECONDS)).isEqualTo(5.0);
  }

  @Test
  void theGaugesCountTheCachedRunsThatRunAndThoseWithAStepWaitingForQuota() {
    StepStatus waiting = new StepStatus("build", StepPhase.Pending);
    waiting.setReason("WaitingForQuota");
    List<PipelineRun> cached = new ArrayList<>();
    cached.add(run(status(RunPhase.Running)));
    cached.add(run(status(RunPhase.Running, step("a", StepPhase.Running, START), waiting)));
    cached.add(run(status(RunPhase.Pending, waiting)));
    cached.add(run(status(RunPhase.Failed, waiting)));
    cached.add(run(null));
    metrics.countFrom(cached::stream);

    assertThat(gauge("c8s_pipelineruns_running")).isEqualTo(2.0);
    assertThat(gauge("c8s_steps_waiting_for_quota")).isEqualTo(2.0);

    cached.remove(1);
    assertThat(gauge("c8s_pipelineruns_running")).as("a deleted run leaves").isEqualTo(1.0);
    assertThat(gauge("c8s_steps_waiting_for_quota")).isEqualTo(1.0);
  }

  @Test
  void aReconciliationIsTimedPerControllerAndItsResultHandedBack() {
    String result = metrics.timeReconcile("pipelinerun", () -> "done");

    assertThat(result).isEqualTo("done");
    assertThat(
            registry.get("c8s_reconcile_seconds").tag("controller", "pipelinerun").timer().count())
        .isEqualTo(1);
  }

  private double finished(String phase) {
    return registry.get("c8s_pipelineruns_finished_total").tag("phase", phase).counter().count();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  /** A run that ran from {@link #START} to {@link #END} and ended in {@code phase}. */
  private static PipelineRunStatus ended(RunPhase phase) {
    PipelineRunStatus status = status(phase);
    status.setStartTime(START);
    status.setCompletionTime(END);
    return status;
  }

  private static PipelineRunStatus status(RunPhase phase, StepStatus... steps) {
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(phase);
    status.setSteps(List.of(steps));
    return status;
  }

  private static StepStatus step(String name, StepPhase phase, Instant start) {
    StepStatus step = new StepStatus(name, phase);
    step.setStartTime(start);
    return step;
  }

  private static PipelineRun run(PipelineRunStatus status) {
    PipelineRun run = new PipelineRun();
    run.setStatus(status);
    return run;
  }
}
