package dev.c8s.controller.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.LogsArchived;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunsOfConfigsTest {
  @Test
  void aRunIsIndexedUnderItsNamespaceAndConfigAndARunWithoutSpecUnderNone() {
    PipelineRun run = new PipelineRun();
    run.getMetadata().setNamespace("team");
    run.getMetadata().setName("web-1");
    run.setSpec(null);

    assertThat(RunsOfConfigs.configKeys(run)).isEmpty();

    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setPipelineConfigRef("web");
    run.setSpec(spec);
    assertThat(RunsOfConfigs.configKeys(run)).containsExactly("team/web");
  }

  @Test
  void aStatusWriteWakesTheConfigOnlyWhenThePhaseOrThePendingLogsChange() {
    PipelineRunStatus running = status(RunPhase.Running);
    PipelineRunStatus stepEnded = status(RunPhase.Running);
    StepStatus step = new StepStatus();
    step.setName("build");
    step.setPhase(StepPhase.Succeeded);
    stepEnded.setSteps(List.of(step));
    PipelineRunStatus finished = status(RunPhase.Succeeded);
    PipelineRunStatus archiving = status(RunPhase.Succeeded);
    archiving.setConditions(
        List.of(
            new Condition(LogsArchived.TYPE, ConditionStatus.UNKNOWN, LogsArchived.ARCHIVING, "")));

    assertThat(RunsOfConfigs.changesWhatConfigsRead(running, stepEnded))
        .as("a step's end")
        .isFalse();
    assertThat(RunsOfConfigs.changesWhatConfigsRead(null, running)).as("its first write").isTrue();
    assertThat(RunsOfConfigs.changesWhatConfigsRead(running, finished)).as("its end").isTrue();
    assertThat(RunsOfConfigs.changesWhatConfigsRead(archiving, finished))
        .as("its logs archived")
        .isTrue();
  }

  private static PipelineRunStatus status(RunPhase phase) {
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(phase);
    return status;
  }
}
