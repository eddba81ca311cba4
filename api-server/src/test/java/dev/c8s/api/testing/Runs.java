package dev.c8s.api.testing;

import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import java.util.List;

/** Runs with a status as the controller writes it: a pipeline snapshot and step states. */
public final class Runs {
  private Runs() {}

  /** A step status. */
  public static StepStatus step(String name, StepPhase phase, String jobName, String logUrl) {
    StepStatus status = new StepStatus(name, phase);
    status.setJobName(jobName);
    status.setLogUrl(logUrl);
    return status;
  }

  /** Creates run {@code name} of {@code snapshot} with these step states. */
  public static PipelineRun started(
      String namespace, String name, PipelineConfigSpec snapshot, StepStatus... steps) {
    PipelineRun run = Fixtures.run(namespace, name, "webapp", "main", null);
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(RunPhase.Running);
    status.setPipelineSpec(snapshot);
    status.setSteps(List.of(steps));
    return Fixtures.status(run, status);
  }
}
