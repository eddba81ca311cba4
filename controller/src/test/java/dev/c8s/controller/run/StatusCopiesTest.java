package dev.c8s.controller.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusCopiesTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @Test
  void aCopySharesTheSnapshotObjectAndOwnsEverythingElse() {
    PipelineRunStatus status = running();

    PipelineRunStatus copy = StatusCopies.copy(status);
    copy.getSteps().get(0).setPhase(StepPhase.Succeeded);
    copy.getConditions().get(0).setStatus(ConditionStatus.TRUE);

    assertThat(copy.getPipelineSpec()).isSameAs(status.getPipelineSpec());
    assertThat(status.getSteps().get(0).getPhase()).isEqualTo(StepPhase.Running);
    assertThat(status.getConditions().get(0).getStatus()).isEqualTo(ConditionStatus.UNKNOWN);
  }

  @Test
  void aCopyHoldsEveryFieldTheOriginalHolds() {
    PipelineRunStatus status = running();

    assertThat(JSON.asJson(StatusCopies.copy(status))).isEqualTo(JSON.asJson(status));
  }

  @Test
  void theFieldsLeaveTheSnapshotOutAndTheSnapshotReadsApart() {
    PipelineRunStatus status = running();

    assertThat(StatusCopies.fieldsWithoutSnapshot(status))
        .containsKeys("phase", "startTime", "steps", "conditions")
        .doesNotContainKey(StatusCopies.SNAPSHOT);
    assertThat(StatusCopies.snapshot(status)).containsEntry("repository", "https://git.example/a");
  }

  private static PipelineRunStatus running() {
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(RunPhase.Running);
    status.setStartTime(Instant.parse("2026-12-01T05:00:00Z"));
    status.setObservedGeneration(3L);
    PipelineConfigSpec spec = new PipelineConfigSpec();
    spec.setRepository("https://git.example/a");
    status.setPipelineSpec(spec);
    StepStatus step = new StepStatus("build", StepPhase.Running);
    step.setJobName("run-1-build");
    step.setStartTime(Instant.parse("2026-12-01T05:00:01Z"));
    status.setSteps(new ArrayList<>(List.of(step)));
    status.setConditions(
        new ArrayList<>(
            List.of(new Condition("Succeeded", ConditionStatus.UNKNOWN, "Running", "running"))));
    return status;
  }
}
