package dev.c8s.controller.pipelineconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.controller.run.RunStatusBuilder;
import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunHistoryTest {
  private static PipelineRun run(String name, int second, RunPhase phase) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withCreationTimestamp("2026-11-29T10:00:%02dZ".formatted(second))
            .build());
    if (phase != null) {
      PipelineRunStatus status = new PipelineRunStatus();
      status.setPhase(phase);
      run.setStatus(status);
    }
    return run;
  }

  private static List<String> names(List<PipelineRun> runs) {
    return runs.stream().map(r -> r.getMetadata().getName()).toList();
  }

  @Test
  void theOldestFinishedRunsBeyondTheLimitGoOldestFirst() {
    List<PipelineRun> runs =
        List.of(
            run("r3", 3, RunPhase.Failed),
            run("r1", 1, RunPhase.Succeeded),
            run("r4", 4, RunPhase.Succeeded),
            run("r2", 2, RunPhase.Cancelled));
    assertThat(names(RunHistory.beyondLimit(runs, 2))).containsExactly("r1", "r2");
  }

  @Test
  void unfinishedRunsNeitherCountNorGo() {
    List<PipelineRun> runs =
        List.of(
            run("old-running", 0, RunPhase.Running),
            run("old-new", 1, null),
            run("done-1", 2, RunPhase.Succeeded),
            run("done-2", 3, RunPhase.Succeeded));
    assertThat(RunHistory.beyondLimit(runs, 2)).isEmpty();
    assertThat(names(RunHistory.beyondLimit(runs, 1))).containsExactly("done-1");
  }

  @Test
  void aRunWhoseLogIsNotArchivedYetIsKept() {
    PipelineRun waiting = run("waiting", 1, RunPhase.Succeeded);
    Condition logs = new Condition();
    logs.setType(RunStatusBuilder.LOGS_ARCHIVED);
    logs.setStatus(ConditionStatus.FALSE);
    logs.setReason(RunStatusBuilder.STORAGE_UNAVAILABLE);
    waiting.getStatus().setConditions(new ArrayList<>(List.of(logs)));
    List<PipelineRun> runs =
        List.of(waiting, run("older", 0, RunPhase.Failed), run("newest", 2, RunPhase.Succeeded));
    assertThat(names(RunHistory.beyondLimit(runs, 1))).containsExactly("older");
  }

  @Test
  void sameCreationSecondIsOrderedByName() {
    List<PipelineRun> runs =
        List.of(run("b", 1, RunPhase.Succeeded), run("a", 1, RunPhase.Succeeded));
    assertThat(names(RunHistory.beyondLimit(runs, 1))).containsExactly("a");
  }

  @Test
  void withoutALimitTheDefaultApplies() {
    PipelineConfig config = new PipelineConfig();
    config.setSpec(new PipelineConfigSpec());
    assertThat(RunHistory.limitOf(config)).isEqualTo(100);
    config.getSpec().setHistoryLimit(3);
    assertThat(RunHistory.limitOf(config)).isEqualTo(3);
  }
}
