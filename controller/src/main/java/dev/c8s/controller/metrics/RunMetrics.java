package dev.c8s.controller.metrics;

import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The controller's Prometheus metrics: runs by phase, run and step durations, queue wait, running
 * runs and runs waiting for quota. Counters and timers are fed with each status transition the
 * reconciler writes, once per run; the gauges count the runs' stored status in the informer cache,
 * so they reflect only status that reached the API server and forget deleted runs.
 */
@ApplicationScoped
public class RunMetrics {
  private static final int REMEMBERED_RUNS = 10_000;

  /**
   * Runs and steps ({@code uid/step}) whose end was counted: a status written again (a retried
   * patch, a pass that saw the cache before its own write) counts once.
   */
  private final Set<String> counted = remembered(REMEMBERED_RUNS);

  private final Set<String> stepsCounted = remembered(REMEMBERED_RUNS * 4);
  private final Map<String, Boolean> queued = new ConcurrentHashMap<>();
  private volatile Supplier<Stream<PipelineRun>> runs = Stream::empty;

  @Inject MeterRegistry registry;

  @jakarta.annotation.PostConstruct
  void gauges() {
    registry.gauge("c8s_pipelineruns_running", this, m -> m.count(RunMetrics::running));
    registry.gauge("c8s_steps_waiting_for_quota", this, m -> m.count(RunMetrics::waitsForQuota));
  }

  /** The cached runs the gauges count (the reconciler's primary cache). */
  public void countFrom(Supplier<Stream<PipelineRun>> cachedRuns) {
    this.runs = cachedRuns;
  }

  private double count(java.util.function.Predicate<PipelineRunStatus> which) {
    return runs.get().map(PipelineRun::getStatus).filter(s -> s != null && which.test(s)).count();
  }

  private static boolean running(PipelineRunStatus status) {
    return status.getPhase() == RunPhase.Running;
  }

  private static boolean waitsForQuota(PipelineRunStatus status) {
    return status.getPhase() != null
        && !status.getPhase().isTerminal()
        && status.getSteps() != null
        && status.getSteps().stream().anyMatch(s -> "WaitingForQuota".equals(s.getReason()));
  }

  /** Times one reconciliation of {@code controller}. */
  public <T> T timeReconcile(String controller, java.util.function.Supplier<T> reconcile) {
    return Timer.builder("c8s_reconcile_seconds")
        .description("Time spent in one reconciliation")
        .tag("controller", controller)
        .publishPercentileHistogram()
        .register(registry)
        .record(reconcile);
  }

  /**
   * Records what changed between two statuses of run {@code key} (its UID): a run's end is counted
   * once even when the patch that wrote it failed and the next pass writes it again.
   */
  public void transition(
      String key, Instant created, PipelineRunStatus before, PipelineRunStatus after) {
    RunPhase was = before == null ? null : before.getPhase();
    RunPhase now = after.getPhase();
    if (now != null && now.isTerminal() && was != now && counted.add(key)) {
      Counter.builder("c8s_pipelineruns_finished_total")
          .description("PipelineRuns that reached a terminal phase")
          .tag("phase", now.name())
          .register(registry)
          .increment();
      if (after.getStartTime() != null && after.getCompletionTime() != null) {
        timer("c8s_pipelinerun_duration_seconds", "Time from run start to its end", now.name())
            .record(Duration.between(after.getStartTime(), after.getCompletionTime()));
      }
      queued.remove(key);
    }
    if (after.getSteps() == null) {
      return;
    }
    for (StepStatus step : after.getSteps()) {
      StepStatus previous = previous(before, step.getName());
      // A reused step (a resume) was timed in the run that ran it.
      boolean newlyDone =
          step.getReusedFrom() == null
              && step.getPhase().isTerminal()
              && (previous == null || !previous.getPhase().isTerminal());
      if (newlyDone
          && step.getStartTime() != null
          && step.getCompletionTime() != null
          && stepsCounted.add(key + "/" + step.getName())) {
        timer(
                "c8s_step_duration_seconds",
                "Time from a step's Job creation to its end",
                step.getPhase().name())
            .record(Duration.between(step.getStartTime(), step.getCompletionTime()));
      }
      if (step.getPhase() == StepPhase.Running
          && step.getStartTime() != null
          && created != null
          && queued.putIfAbsent(key, Boolean.TRUE) == null) {
        Timer.builder("c8s_pipelinerun_queue_wait_seconds")
            .description("Time from a run's creation to its first Job")
            .publishPercentileHistogram()
            .register(registry)
            .record(Duration.between(created, step.getStartTime()).abs());
      }
    }
  }

  /** A set that forgets its oldest entries past {@code limit}, so it cannot grow without bound. */
  private static Set<String> remembered(int limit) {
    return Collections.newSetFromMap(
        Collections.synchronizedMap(
            new LinkedHashMap<>() {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > limit;
              }
            }));
  }

  private Timer timer(String name, String description, String phase) {
    return Timer.builder(name)
        .description(description)
        .tag("phase", phase)
        .publishPercentileHistogram()
        .register(registry);
  }

  private static StepStatus previous(PipelineRunStatus before, String name) {
    if (before == null || before.getSteps() == null) {
      return null;
    }
    return before.getSteps().stream()
        .filter(s -> name.equals(s.getName()))
        .findFirst()
        .orElse(null);
  }
}
