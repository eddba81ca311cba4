package dev.c8s.controller.forge;

import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.PullRequest;
import dev.c8s.model.v1alpha1.RunPhase;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Which commit status a run should show at its provider, from the run alone. */
public final class CommitReports {
  /** GitHub refuses longer descriptions with 422; the other providers take them. */
  static final int MAX_DESCRIPTION = 140;

  private static final Pattern FULL_SHA = Pattern.compile("^[0-9a-f]{40}$");
  private static final String SUCCEEDED_CONDITION = "Succeeded";

  private CommitReports() {}

  /**
   * The report for {@code run} as it stands, or empty when there is nothing to report: no phase
   * yet, or no full commit SHA (providers attach statuses to full SHAs only).
   *
   * @param status the run's status as it is now (being written)
   * @param runUrl the link to a run, with {namespace} and {name} in it
   */
  public static Optional<CommitReport> of(
      PipelineRun run, PipelineRunStatus status, String runUrl) {
    if (status == null || status.getPhase() == null || run.getSpec() == null) {
      return Optional.empty();
    }
    String commit = run.getSpec().getCommit();
    if (commit == null || !FULL_SHA.matcher(commit).matches()) {
      return Optional.empty();
    }
    Optional<Condition> ended =
        status.getConditions() == null
            ? Optional.empty()
            : status.getConditions().stream()
                .filter(c -> SUCCEEDED_CONDITION.equals(c.getType()))
                .findFirst();
    String reason = ended.map(Condition::getReason).orElse(null);
    String message = ended.map(Condition::getMessage).orElse(null);
    return Optional.of(
        new CommitReport(
            status.getPhase(),
            CommitOutcome.of(status.getPhase(), reason),
            context(run.getSpec().getPipelineConfigRef(), run.getSpec().getMatrixIndex()),
            truncate(description(status, message)),
            runUrl
                .replace("{namespace}", run.getMetadata().getNamespace())
                .replace("{name}", run.getMetadata().getName()),
            commit,
            branch(run)));
  }

  /** The branch the commit is on: a pull request's head branch, else the run's branch. */
  private static String branch(PipelineRun run) {
    PullRequest pr = run.getSpec().getPullRequest();
    return pr != null && pr.getHeadBranch() != null
        ? pr.getHeadBranch()
        : run.getSpec().getBranch();
  }

  /**
   * The status' name: {@code c8s/<pipeline>}, and for a matrix run its combination, sorted by key,
   * so every combination keeps its own status.
   */
  static String context(String pipeline, Map<String, String> matrix) {
    String name = "c8s/" + pipeline;
    if (matrix == null || matrix.isEmpty()) {
      return name;
    }
    return name
        + " ("
        + new TreeMap<>(matrix)
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "))
        + ")";
  }

  private static String description(PipelineRunStatus status, String message) {
    RunPhase phase = status.getPhase();
    return switch (phase) {
      case Pending -> message == null || message.isBlank() ? "Pending" : "Pending: " + message;
      case Running -> "Running";
      case Succeeded -> "Succeeded" + took(status);
      case Failed, Cancelled ->
          message == null || message.isBlank() ? phase.name() : phase.name() + ": " + message;
    };
  }

  private static String took(PipelineRunStatus status) {
    if (status.getStartTime() == null || status.getCompletionTime() == null) {
      return "";
    }
    Duration took = Duration.between(status.getStartTime(), status.getCompletionTime());
    long minutes = took.toMinutes();
    long seconds = took.toSecondsPart();
    return minutes == 0 ? " in " + seconds + "s" : " in " + minutes + "m " + seconds + "s";
  }

  static String truncate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    if (oneLine.length() <= MAX_DESCRIPTION) {
      return oneLine;
    }
    return oneLine.substring(0, MAX_DESCRIPTION - 1) + "…";
  }
}
