package dev.c8s.model.engine;

import dev.c8s.model.engine.Decision.StepOutcome;
import dev.c8s.model.v1alpha1.BranchGlob;
import dev.c8s.model.v1alpha1.Durations;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline engine: a pure function from a run's current state to what must happen next.
 *
 * <p>It never calls Kubernetes; the controller applies its {@link Decision}. Semantics are those of
 * {@code docs/semantics.md}: list order unless any step declares {@code dependsOn}; a failed
 * dependency skips dependants unless {@code conditional.onSuccess: false}; branch conditions skip a
 * step without failing its dependants; step and pipeline timeouts; cancellation; a running step
 * whose Job is gone fails; terminal runs never change.
 */
public final class PipelineEngine {

  private PipelineEngine() {}

  /** Decides the next actions for the run described by {@code input}. */
  public static Decision decide(EngineInput input) {
    if (input.phase() != null && input.phase().isTerminal()) {
      return Decision.unchanged(input.phase(), null, null);
    }
    List<Step> steps =
        input.pipeline().getSteps() == null ? List.of() : input.pipeline().getSteps();
    if (input.cancelRequested()) {
      return endEarly(
          input,
          steps,
          RunPhase.Cancelled,
          RunReason.Cancelled,
          StepReason.RunCancelled,
          "the run was cancelled");
    }
    Instant started = input.startTime() == null ? input.now() : input.startTime();
    Instant pipelineDeadline = started.plus(StepDefaults.timeout(input.pipeline()));
    if (!input.now().isBefore(pipelineDeadline)) {
      return endEarly(
          input,
          steps,
          RunPhase.Failed,
          RunReason.PipelineTimedOut,
          StepReason.PipelineTimedOut,
          "the pipeline timeout of "
              + Durations.format(StepDefaults.timeout(input.pipeline()))
              + " passed");
    }
    return new Evaluation(input, steps, pipelineDeadline).run();
  }

  private static Decision endEarly(
      EngineInput input,
      List<Step> steps,
      RunPhase phase,
      RunReason reason,
      StepReason stepReason,
      String why) {
    List<StepOutcome> skip = new ArrayList<>();
    List<StepOutcome> stop = new ArrayList<>();
    for (Step step : steps) {
      StepState state = input.state(step.getName());
      if (state.phase() == StepPhase.Running) {
        stop.add(
            new StepOutcome(
                step.getName(), StepPhase.Failed, stepReason, "stopped while running: " + why));
      } else if (state.phase() == StepPhase.Pending) {
        skip.add(new StepOutcome(step.getName(), StepPhase.Skipped, stepReason, "not run: " + why));
      }
    }
    String message = Character.toUpperCase(why.charAt(0)) + why.substring(1);
    return new Decision(phase, reason, message, List.of(), skip, stop, Optional.empty());
  }

  /** One evaluation pass, in declaration order, over a working copy of the step states. */
  private static final class Evaluation {
    private final EngineInput input;
    private final List<Step> steps;
    private final StepGraph graph;
    private final Instant pipelineDeadline;
    private final Map<String, StepState> states = new HashMap<>();
    private final List<StepLaunch> start = new ArrayList<>();
    private final List<StepOutcome> skip = new ArrayList<>();
    private final List<StepOutcome> stop = new ArrayList<>();
    private Instant recheckAt;

    Evaluation(EngineInput input, List<Step> steps, Instant pipelineDeadline) {
      this.input = input;
      this.steps = steps;
      this.graph = StepGraph.of(steps);
      this.pipelineDeadline = pipelineDeadline;
      this.recheckAt = pipelineDeadline;
      steps.forEach(s -> states.put(s.getName(), input.state(s.getName())));
    }

    Decision run() {
      steps.forEach(this::enforceStepTimeout);
      steps.forEach(this::failWithoutJob);
      // A skip can unblock a later step and a step may be declared before its dependencies, so
      // settle until nothing changes; every pass finishes at least one step or stops.
      boolean changed = true;
      while (changed) {
        changed = false;
        for (Step step : steps) {
          changed |= settle(step);
        }
      }
      return conclude();
    }

    private void enforceStepTimeout(Step step) {
      StepState state = states.get(step.getName());
      if (state.phase() != StepPhase.Running || state.startTime() == null) {
        return;
      }
      Instant deadline = state.startTime().plus(StepDefaults.timeout(step));
      if (input.now().isBefore(deadline)) {
        recheckAt = deadline.isBefore(recheckAt) ? deadline : recheckAt;
        return;
      }
      stop.add(
          new StepOutcome(
              step.getName(),
              StepPhase.Failed,
              StepReason.StepTimedOut,
              "step ran longer than its timeout of "
                  + Durations.format(StepDefaults.timeout(step))));
      states.put(step.getName(), StepState.finished(StepPhase.Failed, StepReason.StepTimedOut));
    }

    /**
     * A running step whose Job is gone fails: nothing can tell how it ended. One that also ran out
     * of time was stopped for that (a pass that deleted its Job may not have written it down).
     */
    private void failWithoutJob(Step step) {
      StepState state = states.get(step.getName());
      if (state.phase() != StepPhase.Running || !input.jobsGone().contains(step.getName())) {
        return;
      }
      stop.add(
          new StepOutcome(
              step.getName(),
              StepPhase.Failed,
              StepReason.JobDeleted,
              "its Job no longer exists and the step's result was not recorded: the Job was"
                  + " deleted before the step finished (or its ttlSecondsAfterFinished removed it"
                  + " while no controller ran)"));
      states.put(step.getName(), StepState.finished(StepPhase.Failed, StepReason.JobDeleted));
    }

    /** Starts or skips a pending step whose dependencies are finished; true if it did. */
    private boolean settle(Step step) {
      if (states.get(step.getName()).phase() != StepPhase.Pending) {
        return false;
      }
      List<String> dependencies = graph.dependenciesOf(step.getName());
      if (dependencies.stream().anyMatch(d -> !states.get(d).phase().isTerminal())) {
        return false;
      }
      // Any failure upstream, however far, stops a step: also one behind a cleanup step.
      Optional<String> failed =
          graph.ancestorsOf(step.getName()).stream()
              .filter(a -> states.get(a).phase() == StepPhase.Failed)
              .findFirst();
      if (failed.isPresent() && StepDefaults.onlyOnSuccess(step)) {
        return finish(
            step, StepReason.DependencyFailed, "not run: step " + quoted(failed.get()) + " failed");
      }
      String branchGlob = step.getConditional() == null ? null : step.getConditional().getBranch();
      if (branchGlob != null && !BranchGlob.matches(branchGlob, input.run().getBranch())) {
        return finish(
            step,
            StepReason.BranchConditionNotMet,
            "not run: branch "
                + quoted(input.run().getBranch())
                + " does not match "
                + quoted(branchGlob));
      }
      start.add(StepLaunches.of(step, input.run(), graph, steps));
      states.put(step.getName(), StepState.running(input.now()));
      Instant deadline = input.now().plus(StepDefaults.timeout(step));
      recheckAt = deadline.isBefore(recheckAt) ? deadline : recheckAt;
      return true;
    }

    private boolean finish(Step step, StepReason reason, String message) {
      skip.add(new StepOutcome(step.getName(), StepPhase.Skipped, reason, message));
      states.put(step.getName(), StepState.finished(StepPhase.Skipped, reason));
      return true;
    }

    private Decision conclude() {
      boolean allDone = steps.stream().allMatch(s -> states.get(s.getName()).phase().isTerminal());
      boolean anyActive =
          steps.stream().anyMatch(s -> states.get(s.getName()).phase() == StepPhase.Running);
      if (anyActive) {
        return new Decision(
            RunPhase.Running, RunReason.Running, null, start, skip, stop, Optional.of(recheckAt));
      }
      if (!allDone) {
        return stuck();
      }
      Optional<Step> failed =
          steps.stream()
              .filter(s -> states.get(s.getName()).phase() == StepPhase.Failed)
              .findFirst();
      if (failed.isPresent()) {
        String name = failed.get().getName();
        String how =
            states.get(name).reason() == StepReason.StepTimedOut ? " timed out" : " failed";
        return new Decision(
            RunPhase.Failed,
            RunReason.StepFailed,
            "Step " + quoted(name) + how,
            start,
            skip,
            stop,
            Optional.empty());
      }
      return new Decision(
          RunPhase.Succeeded,
          RunReason.AllStepsSucceeded,
          "All steps succeeded or were skipped by their branch condition",
          start,
          skip,
          stop,
          Optional.empty());
    }

    /** Pending steps that can never start: only a dependency cycle leads here. */
    private Decision stuck() {
      List<String> names =
          steps.stream()
              .map(Step::getName)
              .filter(n -> states.get(n).phase() == StepPhase.Pending)
              .toList();
      String why =
          "steps "
              + String.join(", ", names)
              + " can never start"
              + graph
                  .findCycle()
                  .map(c -> " (dependency cycle " + String.join(" -> ", c) + ")")
                  .orElse("");
      names.forEach(
          n ->
              skip.add(
                  new StepOutcome(
                      n, StepPhase.Skipped, StepReason.DependencyFailed, "not run: " + why)));
      return new Decision(
          RunPhase.Failed,
          RunReason.InvalidPipeline,
          Character.toUpperCase(why.charAt(0)) + why.substring(1),
          start,
          skip,
          stop,
          Optional.empty());
    }

    private static String quoted(String text) {
      return "\"" + text + "\"";
    }
  }
}
