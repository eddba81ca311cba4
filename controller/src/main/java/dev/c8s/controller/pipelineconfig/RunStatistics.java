package dev.c8s.controller.pipelineconfig;

import dev.c8s.model.v1alpha1.PipelineConfigStatus;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * A PipelineConfig's status derived from its runs as they exist now: recomputing instead of
 * counting events is what keeps a restart from counting a run twice.
 */
public final class RunStatistics {
  private RunStatistics() {}

  /** lastRun (newest creation), totalRuns (finished runs) and successRate (0..1, or absent). */
  public static PipelineConfigStatus of(Collection<PipelineRun> runs) {
    PipelineConfigStatus status = new PipelineConfigStatus();
    status.setLastRun(
        runs.stream()
            .map(r -> r.getMetadata().getCreationTimestamp())
            .filter(Objects::nonNull)
            .map(Instant::parse)
            .max(Instant::compareTo)
            .orElse(null));
    long finished = runs.stream().filter(RunStatistics::finished).count();
    long succeeded =
        runs.stream()
            .filter(r -> r.getStatus() != null && r.getStatus().getPhase() == RunPhase.Succeeded)
            .count();
    status.setTotalRuns((int) finished);
    status.setSuccessRate(
        finished == 0 ? null : Math.round(succeeded * 10000.0 / finished) / 10000.0);
    return status;
  }

  private static boolean finished(PipelineRun run) {
    return run.getStatus() != null
        && run.getStatus().getPhase() != null
        && run.getStatus().getPhase().isTerminal();
  }
}
