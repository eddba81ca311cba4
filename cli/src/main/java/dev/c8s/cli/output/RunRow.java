package dev.c8s.cli.output;

import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of the run table, as text.
 *
 * @param name the run's name
 * @param pipeline its PipelineConfig
 * @param branch its branch, or empty
 * @param commit the first 7 characters of its commit
 * @param phase its phase; a run the controller has not seen yet is Pending
 * @param started how long ago it started, or empty
 * @param duration how long it ran (so far), or empty
 * @param signature what identifies a change worth reporting: phase and times, not ages
 */
public record RunRow(
    String name,
    String pipeline,
    String branch,
    String commit,
    String phase,
    String started,
    String duration,
    String signature) {

  /** The column titles, in order. */
  public static final List<String> HEADER =
      List.of("NAME", "PIPELINE", "BRANCH", "COMMIT", "PHASE", "STARTED", "DURATION");

  /** The row of {@code run} at {@code now}. */
  public static RunRow of(PipelineRun run, Instant now) {
    PipelineRunStatus status = run.getStatus();
    String phase =
        status == null || status.getPhase() == null ? "Pending" : status.getPhase().name();
    Instant start = status == null ? null : status.getStartTime();
    Instant end = status == null ? null : status.getCompletionTime();
    String commit = run.getSpec() == null ? null : run.getSpec().getCommit();
    return new RunRow(
        run.getMetadata().getName(),
        orEmpty(run.getSpec() == null ? null : run.getSpec().getPipelineConfigRef()),
        orEmpty(run.getSpec() == null ? null : run.getSpec().getBranch()),
        commit == null ? "" : commit.substring(0, Math.min(7, commit.length())),
        phase,
        start == null ? "" : Ages.format(Duration.between(start, now)) + " ago",
        start == null ? "" : Ages.format(Duration.between(start, end == null ? now : end)),
        phase + "|" + Objects.toString(start, "") + "|" + Objects.toString(end, ""));
  }

  /** The cells in column order. */
  public List<String> cells() {
    return List.of(name, pipeline, branch, commit, phase, started, duration);
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
