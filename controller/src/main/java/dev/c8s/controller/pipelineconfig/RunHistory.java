package dev.c8s.controller.pipelineconfig;

import dev.c8s.controller.run.RunStatusBuilder;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import java.util.Comparator;
import java.util.List;

/** Which finished runs of a pipeline fall beyond its {@code historyLimit}: the oldest ones. */
final class RunHistory {
  private RunHistory() {}

  /** The limit in force for {@code config}: its own, or the documented default. */
  static int limitOf(PipelineConfig config) {
    Integer limit = config.getSpec() == null ? null : config.getSpec().getHistoryLimit();
    return limit == null || limit < 1 ? PipelineConfigSpec.HISTORY_LIMIT_DEFAULT : limit;
  }

  /**
   * The finished runs older than the newest {@code limit} finished ones, oldest first. Runs still
   * waiting for a log archive stay (deleting them would delete the pods that hold the log), and so
   * do runs that have not finished.
   */
  static List<PipelineRun> beyondLimit(List<PipelineRun> runs, int limit) {
    List<PipelineRun> finished =
        runs.stream().filter(RunHistory::finished).sorted(NEWEST_FIRST).toList();
    if (finished.size() <= limit) {
      return List.of();
    }
    return finished.subList(limit, finished.size()).reversed().stream()
        .filter(r -> !RunStatusBuilder.logsPending(r.getStatus()))
        .toList();
  }

  private static boolean finished(PipelineRun run) {
    return run.getStatus() != null
        && run.getStatus().getPhase() != null
        && run.getStatus().getPhase().isTerminal();
  }

  /** Creation time, newest first; names break ties so every pass picks the same runs. */
  private static final Comparator<PipelineRun> NEWEST_FIRST =
      Comparator.comparing((PipelineRun r) -> r.getMetadata().getCreationTimestamp())
          .thenComparing(r -> r.getMetadata().getName())
          .reversed();
}
