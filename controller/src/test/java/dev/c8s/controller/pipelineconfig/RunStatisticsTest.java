package dev.c8s.controller.pipelineconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineConfigStatus;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A PipelineConfig's statistics, recomputed from the runs that exist now. */
class RunStatisticsTest {

  @Test
  void withoutRunsThereIsNoLastRunNoTotalAndNoSuccessRate() {
    PipelineConfigStatus status = RunStatistics.of(List.of());

    assertThat(status.getLastRun()).isNull();
    assertThat(status.getTotalRuns()).isZero();
    assertThat(status.getSuccessRate()).isNull();
  }

  @Test
  void theLastRunIsTheNewestCreatedWhateverItsPhaseOrPlaceInTheList() {
    PipelineConfigStatus status =
        RunStatistics.of(
            List.of(
                run("2026-11-28T10:00:00Z", RunPhase.Succeeded),
                run("2026-11-28T12:00:00Z", null),
                run("2026-11-28T11:00:00Z", RunPhase.Running)));

    assertThat(status.getLastRun()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
  }

  @Test
  void aRunWithoutCreationTimestampIsNoLastRun() {
    PipelineConfigStatus status =
        RunStatistics.of(List.of(run(null, RunPhase.Succeeded), run("2026-11-28T09:00:00Z", null)));

    assertThat(status.getLastRun()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
    assertThat(status.getTotalRuns()).isEqualTo(1);
  }

  @Test
  void onlyFinishedRunsCountTowardsTheTotal() {
    PipelineConfigStatus status =
        RunStatistics.of(
            List.of(
                run("2026-11-28T10:00:00Z", RunPhase.Succeeded),
                run("2026-11-28T10:01:00Z", RunPhase.Failed),
                run("2026-11-28T10:02:00Z", RunPhase.Cancelled),
                run("2026-11-28T10:03:00Z", RunPhase.Running),
                run("2026-11-28T10:04:00Z", RunPhase.Pending),
                run("2026-11-28T10:05:00Z", null),
                withPhase("2026-11-28T10:06:00Z", null)));

    assertThat(status.getTotalRuns()).isEqualTo(3);
  }

  @Test
  void theSuccessRateIsTheShareOfFinishedRunsThatSucceededCancelledOnesIncluded() {
    PipelineConfigStatus status =
        RunStatistics.of(
            List.of(
                run("2026-11-28T10:00:00Z", RunPhase.Succeeded),
                run("2026-11-28T10:01:00Z", RunPhase.Succeeded),
                run("2026-11-28T10:02:00Z", RunPhase.Failed),
                run("2026-11-28T10:03:00Z", RunPhase.Cancelled),
                run("2026-11-28T10:04:00Z", RunPhase.Running)));

    assertThat(status.getSuccessRate()).isEqualTo(0.5);
  }

  @Test
  void theSuccessRateIsRoundedToFourDecimals() {
    List<PipelineRun> oneInThree =
        List.of(
            run("2026-11-28T10:00:00Z", RunPhase.Succeeded),
            run("2026-11-28T10:01:00Z", RunPhase.Failed),
            run("2026-11-28T10:02:00Z", RunPhase.Failed));
    List<PipelineRun> twoInThree =
        List.of(
            run("2026-11-28T10:00:00Z", RunPhase.Succeeded),
            run("2026-11-28T10:01:00Z", RunPhase.Succeeded),
            run("2026-11-28T10:02:00Z", RunPhase.Failed));

    assertThat(RunStatistics.of(oneInThree).getSuccessRate()).isEqualTo(0.3333);
    assertThat(RunStatistics.of(twoInThree).getSuccessRate()).isEqualTo(0.6667);
  }

  @Test
  void runsStillUnderWayGiveNoSuccessRateYet() {
    PipelineConfigStatus status =
        RunStatistics.of(List.of(run("2026-11-28T10:00:00Z", RunPhase.Running)));

    assertThat(status.getTotalRuns()).isZero();
    assertThat(status.getSuccessRate()).isNull();
    assertThat(status.getLastRun()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
  }

  @Test
  void deletedRunsNoLongerCount() {
    PipelineRun failed = run("2026-11-28T10:00:00Z", RunPhase.Failed);
    PipelineRun succeeded = run("2026-11-28T11:00:00Z", RunPhase.Succeeded);
    PipelineConfigStatus both = RunStatistics.of(List.of(failed, succeeded));
    PipelineConfigStatus afterDeletion = RunStatistics.of(List.of(succeeded));

    assertThat(both.getTotalRuns()).isEqualTo(2);
    assertThat(both.getSuccessRate()).isEqualTo(0.5);
    assertThat(afterDeletion.getTotalRuns()).isEqualTo(1);
    assertThat(afterDeletion.getSuccessRate()).isEqualTo(1.0);
  }

  /** A run created at {@code created}; a null phase means no status at all. */
  private static PipelineRun run(String created, RunPhase phase) {
    PipelineRun run = withPhase(created, phase);
    if (phase == null) {
      run.setStatus(null);
    }
    return run;
  }

  /** A run created at {@code created} with a status whose phase is {@code phase}. */
  private static PipelineRun withPhase(String created, RunPhase phase) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName("r").withCreationTimestamp(created).build());
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(phase);
    run.setStatus(status);
    return run;
  }
}
