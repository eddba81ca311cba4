package dev.c8s.controller.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.CommitStatusReport;
import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusMergePatchTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

  @Test
  void theFirstWriteCarriesTheWholeStatusWithTimesAsText() {
    String patch = StatusMergePatch.of(null, running(), Map.of()).orElseThrow();

    assertThat(read(patch))
        .isEqualTo(
            Map.of(
                "status",
                Map.of(
                    "phase",
                    "Running",
                    "startTime",
                    "2026-11-30T12:00:00Z",
                    "queuePosition",
                    2,
                    "pipelineSpec",
                    Map.of("repository", "https://git.example/app", "historyLimit", 10),
                    "steps",
                    List.of(Map.of("name", "build", "phase", "Running")))));
  }

  @Test
  void aLaterWriteCarriesOnlyWhatChangedAndNullsWhatIsGone() {
    PipelineRunStatus after = running();
    after.setQueuePosition(null);
    after.getPipelineSpec().setHistoryLimit(null);
    after.getSteps().get(0).setPhase(StepPhase.Succeeded);

    String patch = StatusMergePatch.of(running(), after, Map.of()).orElseThrow();

    assertThat(patch)
        .isEqualTo(
            "{\"status\":{\"steps\":[{\"name\":\"build\",\"phase\":\"Succeeded\"}],"
                + "\"pipelineSpec\":{\"historyLimit\":null},\"queuePosition\":null}}");
  }

  @Test
  void theCommitStatusIsNeverWrittenByTheRunsPasses() {
    PipelineRunStatus after = running();
    CommitStatusReport report = new CommitStatusReport();
    report.setState("success");
    after.setCommitStatus(report);

    assertThat(StatusMergePatch.of(running(), after, Map.of())).isEmpty();
    assertThat(read(StatusMergePatch.of(null, after, Map.of()).orElseThrow()).get("status"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .doesNotContainKey("commitStatus");
  }

  @Test
  void thePreconditionsRideTheChangesAsMetadata() {
    PipelineRunStatus after = running();
    after.setPhase(RunPhase.Succeeded);

    String patch =
        StatusMergePatch.of(running(), after, Map.of("uid", "u-1", "resourceVersion", "42"))
            .orElseThrow();

    assertThat(read(patch))
        .containsEntry("metadata", Map.of("uid", "u-1", "resourceVersion", "42"))
        .containsEntry("status", Map.of("phase", "Succeeded"));
  }

  @Test
  void aChangedListOfConditionsIsSentWhole() {
    PipelineRunStatus before = running();
    Condition succeeded = new Condition("Succeeded", ConditionStatus.UNKNOWN, "Running", null);
    Condition logs = new Condition("LogsArchived", ConditionStatus.UNKNOWN, "Archiving", null);
    before.setConditions(List.of(succeeded, logs));
    PipelineRunStatus after = running();
    after.setConditions(List.of(succeeded));

    assertThat(read(StatusMergePatch.of(before, after, Map.of()).orElseThrow()))
        .isEqualTo(
            Map.of(
                "status",
                Map.of(
                    "conditions",
                    List.of(
                        Map.of("type", "Succeeded", "status", "Unknown", "reason", "Running")))));
  }

  @Test
  void aSnapshotBothSidesShareIsLeftOutOfTheComparison() {
    PipelineRunStatus before = running();
    PipelineRunStatus after = StatusCopies.copy(before);
    after.getSteps().get(0).setPhase(StepPhase.Succeeded);

    assertThat(read(StatusMergePatch.of(before, after, Map.of()).orElseThrow()))
        .isEqualTo(
            Map.of(
                "status", Map.of("steps", List.of(Map.of("name", "build", "phase", "Succeeded")))));
  }

  @Test
  void aSnapshotGoneIsDeleted() {
    PipelineRunStatus after = running();
    after.setPipelineSpec(null);

    assertThat(read(StatusMergePatch.of(running(), after, Map.of()).orElseThrow()))
        .isEqualTo(Map.of("status", java.util.Collections.singletonMap("pipelineSpec", null)));
  }

  @Test
  void anUnchangedStatusNeedsNoWrite() {
    assertThat(StatusMergePatch.of(running(), running(), Map.of())).isEmpty();
  }

  private static PipelineRunStatus running() {
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(RunPhase.Running);
    status.setStartTime(START);
    status.setQueuePosition(2);
    PipelineConfigSpec spec = new PipelineConfigSpec();
    spec.setRepository("https://git.example/app");
    spec.setHistoryLimit(10);
    status.setPipelineSpec(spec);
    StepStatus step = new StepStatus();
    step.setName("build");
    step.setPhase(StepPhase.Running);
    status.setSteps(List.of(step));
    return status;
  }

  private static Map<String, Object> read(String json) {
    return JSON.unmarshal(json, new com.fasterxml.jackson.core.type.TypeReference<>() {});
  }
}
