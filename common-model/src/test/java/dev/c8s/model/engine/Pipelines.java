package dev.c8s.model.engine;

import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepConditional;
import dev.c8s.model.v1alpha1.StepPhase;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small builders that keep engine test tables readable. */
final class Pipelines {
  static final Instant T0 = Instant.parse("2025-10-12T10:30:00Z");

  private Pipelines() {}

  static PipelineConfigSpec pipeline(Step... steps) {
    PipelineConfigSpec spec = new PipelineConfigSpec();
    spec.setRepository("https://github.com/org/my-app");
    spec.setSteps(List.of(steps));
    return spec;
  }

  static Step step(String name, String... dependsOn) {
    Step step = new Step();
    step.setName(name);
    step.setImage("alpine:3.20");
    step.setCommands(List.of("echo " + name));
    if (dependsOn.length > 0) {
      step.setDependsOn(Arrays.asList(dependsOn));
    }
    return step;
  }

  static Step cleanup(Step step) {
    step.setConditional(new StepConditional(null, false));
    return step;
  }

  static Step onBranch(String glob, Step step) {
    step.setConditional(new StepConditional(glob, null));
    return step;
  }

  static Step timeout(String timeout, Step step) {
    step.setTimeout(timeout);
    return step;
  }

  static PipelineRunSpec run(String branch) {
    PipelineRunSpec run = new PipelineRunSpec();
    run.setPipelineConfigRef("my-app-ci");
    run.setCommit("abc123def456");
    run.setBranch(branch);
    return run;
  }

  /** States written as {@code "a", StepPhase.Succeeded, "b", StepPhase.Running, ...}. */
  static Map<String, StepState> states(Object... nameAndPhase) {
    Map<String, StepState> states = new HashMap<>();
    for (int i = 0; i < nameAndPhase.length; i += 2) {
      StepPhase phase = (StepPhase) nameAndPhase[i + 1];
      states.put(
          (String) nameAndPhase[i],
          phase == StepPhase.Running
              ? StepState.running(T0)
              : new StepState(phase, null, phase == StepPhase.Pending ? null : T0));
    }
    return states;
  }

  static Decision decide(PipelineConfigSpec pipeline, Map<String, StepState> states) {
    return decide(pipeline, run("main"), states, T0.plusSeconds(60));
  }

  static Decision decide(
      PipelineConfigSpec pipeline,
      PipelineRunSpec run,
      Map<String, StepState> states,
      Instant now) {
    RunPhase phase = states.isEmpty() ? null : RunPhase.Running;
    return PipelineEngine.decide(new EngineInput(pipeline, run, phase, T0, states, now));
  }

  static List<String> started(Decision decision) {
    return decision.start().stream().map(StepLaunch::name).toList();
  }

  static List<String> skipped(Decision decision) {
    return decision.skip().stream().map(Decision.StepOutcome::step).toList();
  }

  static List<String> stopped(Decision decision) {
    return decision.stop().stream().map(Decision.StepOutcome::step).toList();
  }
}
