package dev.c8s.controller.pipelineconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.controller.run.Runs;
import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.LogsArchived;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSummaryItemStoreTest {
  @Test
  void summaryKeepsWhatHistoryAndStatisticsReadAndDropsTheSnapshotAndSteps() {
    PipelineRun run = Runs.run("team", "app-1", "app", "main");
    run.getMetadata().setUid("u-1");
    run.getMetadata().setResourceVersion("42");
    run.getMetadata().setCreationTimestamp("2026-11-29T10:00:00Z");
    run.getMetadata().setManagedFields(List.of(new ManagedFieldsEntry()));
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(RunPhase.Succeeded);
    status.setPipelineSpec(Runs.config("team", "app", Runs.step("build", "true")).getSpec());
    StepStatus step = new StepStatus();
    step.setName("build");
    step.setPhase(StepPhase.Succeeded);
    status.setSteps(List.of(step));
    status.setConditions(
        List.of(
            new Condition(LogsArchived.TYPE, ConditionStatus.UNKNOWN, LogsArchived.ARCHIVING, "")));
    run.setStatus(status);

    PipelineRun summary = RunSummaryItemStore.summary(run);

    assertThat(summary.getMetadata().getUid()).isEqualTo("u-1");
    assertThat(summary.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(summary.getMetadata().getCreationTimestamp()).isEqualTo("2026-11-29T10:00:00Z");
    assertThat(summary.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(summary.getSpec().getPipelineConfigRef()).isEqualTo("app");
    assertThat(summary.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
    assertThat(LogsArchived.pending(summary.getStatus())).isTrue();
    assertThat(summary.getStatus().getPipelineSpec()).isNull();
    assertThat(summary.getStatus().getSteps()).isNullOrEmpty();
  }

  @Test
  void aRunWakesItsConfigOnlyWhenItsPhaseItsPendingLogsOrItsDeletionChange() {
    PipelineRun older = run(RunPhase.Running);
    PipelineRun stepEnded = run(RunPhase.Running);
    StepStatus step = new StepStatus();
    step.setName("build");
    step.setPhase(StepPhase.Succeeded);
    stepEnded.getStatus().setSteps(List.of(step));
    stepEnded.getMetadata().setResourceVersion("43");
    assertThat(RunSummaryItemStore.changesWhatConfigsRead(stepEnded, older))
        .as("a step's end")
        .isFalse();

    PipelineRun finished = run(RunPhase.Succeeded);
    assertThat(RunSummaryItemStore.changesWhatConfigsRead(finished, older)).as("its end").isTrue();

    PipelineRun archiving = run(RunPhase.Succeeded);
    archiving
        .getStatus()
        .setConditions(
            List.of(
                new Condition(
                    LogsArchived.TYPE, ConditionStatus.UNKNOWN, LogsArchived.ARCHIVING, "")));
    assertThat(RunSummaryItemStore.changesWhatConfigsRead(finished, archiving))
        .as("its logs archived")
        .isTrue();

    PipelineRun deleting = run(RunPhase.Running);
    deleting.getMetadata().setDeletionTimestamp("2026-11-30T09:00:00Z");
    assertThat(RunSummaryItemStore.changesWhatConfigsRead(deleting, older))
        .as("its deletion")
        .isTrue();
  }

  private static PipelineRun run(RunPhase phase) {
    PipelineRun run = Runs.run("team", "app-1", "app", "main");
    run.setStatus(new PipelineRunStatus());
    run.getStatus().setPhase(phase);
    return run;
  }
}
