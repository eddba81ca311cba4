package dev.c8s.controller.run;

import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepConditional;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Arrays;
import java.util.List;

/** Builders for the pipelines and runs the controller tests create. */
public final class Runs {
  private Runs() {}

  public static PipelineConfig config(String namespace, String name, Step... steps) {
    PipelineConfig config = new PipelineConfig();
    config.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    PipelineConfigSpec spec = new PipelineConfigSpec();
    spec.setRepository("https://github.com/org/" + name);
    spec.setSteps(List.of(steps));
    config.setSpec(spec);
    return config;
  }

  /** The pipeline {@code name} shaped as a diamond: a → b, c → d; {@code a} sleeps a second. */
  public static PipelineConfig diamond(String namespace, String name) {
    return config(
        namespace,
        name,
        step("a", "sleep 1"),
        step("b", "true", "a"),
        step("c", "true", "a"),
        step("d", "true", "b", "c"));
  }

  public static Step step(String name, String command, String... dependsOn) {
    Step step = new Step();
    step.setName(name);
    step.setImage("alpine:3.20");
    step.setCommands(List.of("echo " + name, command));
    if (dependsOn.length > 0) {
      step.setDependsOn(Arrays.asList(dependsOn));
    }
    return step;
  }

  public static Step cleanup(Step step) {
    step.setConditional(new StepConditional(null, false));
    return step;
  }

  public static Step onBranch(String glob, Step step) {
    step.setConditional(new StepConditional(glob, null));
    return step;
  }

  public static PipelineRun run(String namespace, String name, String config, String branch) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setPipelineConfigRef(config);
    spec.setCommit("abc123def4567890");
    spec.setBranch(branch);
    run.setSpec(spec);
    return run;
  }
}
