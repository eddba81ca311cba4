package dev.c8s.controller.metrics;

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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The controller's Prometheus metrics: runs by phase, run and step durations, queue wait, running
 * runs and steps waiting for quota. Fed with each status transition the reconciler writes.
 */
@ApplicationScoped
public class RunMetrics {
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Set<String> waitingForQuota = ConcurrentHashMap.newKeySet();
  private final Map<String, Boolean> queued = new ConcurrentHashMap<>();

  @Inject MeterRegistry registry;

  @jakarta.annotation.PostConstruct
  void gauges() {
    registry.gauge("c8s_pipelineruns_running", running, Set::size);
    registry.gauge("c8s_steps_waiting_for_quota", waitingForQuota, Set::size);
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

  /** Records what changed between two statuses of run {@code key} ({@code namespace/name}). */
  public void transition(
      String key, Instant created, PipelineRunStatus before, PipelineRunStatus after) {
    RunPhase was = before == null ? null : before.getPhase();
    RunPhase now = after.getPhase();
    if (now == RunPhase.Running) {
      running.add(key);
    } else {
      running.remove(key);
    }
    if (now != null && now.isTerminal() && was != now) {
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
    boolean anyWaiting = false;
    for (StepStatus step : after.getSteps()) {
      anyWaiting |= "WaitingForQuota".equals(step.getReason());
      StepStatus previous = previous(before, step.getName());
      boolean newlyDone =
          step.getPhase().isTerminal() && (previous == null || !previous.getPhase().isTerminal());
      if (newlyDone && step.getStartTime() != null && step.getCompletionTime() != null) {
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
    if (anyWaiting && !now.isTerminal()) {
      waitingForQuota.add(key);
    } else {
      waitingForQuota.remove(key);
    }
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
