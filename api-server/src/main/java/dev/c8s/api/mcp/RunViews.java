package dev.c8s.api.mcp;

import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the tools say about a run: the facts an agent reasons with, without the object's bulk and
 * without its presigned URLs (which would let anyone holding the answer download logs and
 * artifacts).
 */
final class RunViews {
  /** The condition that carries a run's outcome (the controller's RunStatusBuilder). */
  private static final String OUTCOME = "Succeeded";

  private RunViews() {}

  /** One line of a run list. */
  record RunSummary(
      String name,
      String pipelineConfig,
      String branch,
      String commit,
      Long pullRequest,
      Map<String, String> matrix,
      String triggeredBy,
      String phase,
      String reason,
      String message,
      Integer queuePosition,
      Instant startTime,
      Instant completionTime,
      Long durationSeconds) {}

  /** A run with its steps and conditions. */
  record RunDetail(
      RunSummary run, String resumeFrom, List<StepView> steps, List<ConditionView> conditions) {}

  /** One step of a run. */
  record StepView(
      String name,
      String phase,
      String reason,
      String message,
      Integer exitCode,
      Instant startTime,
      Instant completionTime,
      Long durationSeconds,
      String reusedFrom,
      boolean logArchived) {}

  /** One condition of a run. */
  record ConditionView(String type, ConditionStatus status, String reason, String message) {}

  static RunSummary summary(PipelineRun run) {
    PipelineRunSpec spec = Optional.ofNullable(run.getSpec()).orElseGet(PipelineRunSpec::new);
    Optional<PipelineRunStatus> status = Optional.ofNullable(run.getStatus());
    Optional<Condition> outcome =
        status.map(PipelineRunStatus::getConditions).orElse(List.of()).stream()
            .filter(c -> OUTCOME.equals(c.getType()))
            .findFirst();
    Instant start = status.map(PipelineRunStatus::getStartTime).orElse(null);
    Instant end = status.map(PipelineRunStatus::getCompletionTime).orElse(null);
    return new RunSummary(
        run.getMetadata().getName(),
        spec.getPipelineConfigRef(),
        spec.getBranch(),
        spec.getCommit(),
        spec.getPullRequest() == null ? null : spec.getPullRequest().getNumber(),
        spec.getMatrixIndex() == null || spec.getMatrixIndex().isEmpty()
            ? null
            : spec.getMatrixIndex(),
        spec.getTriggeredBy(),
        status.map(PipelineRunStatus::getPhase).map(Enum::name).orElse("Pending"),
        outcome.map(Condition::getReason).orElse(null),
        outcome.map(Condition::getMessage).orElse(null),
        status.map(PipelineRunStatus::getQueuePosition).orElse(null),
        start,
        end,
        seconds(start, end));
  }

  static RunDetail detail(PipelineRun run) {
    Optional<PipelineRunStatus> status = Optional.ofNullable(run.getStatus());
    return new RunDetail(
        summary(run),
        run.getSpec() == null ? null : run.getSpec().getResumeFrom(),
        status.map(PipelineRunStatus::getSteps).orElse(List.of()).stream()
            .map(RunViews::step)
            .toList(),
        status.map(PipelineRunStatus::getConditions).orElse(List.of()).stream()
            .map(c -> new ConditionView(c.getType(), c.getStatus(), c.getReason(), c.getMessage()))
            .toList());
  }

  static StepView step(StepStatus step) {
    return new StepView(
        step.getName(),
        step.getPhase() == null ? "Pending" : step.getPhase().name(),
        step.getReason(),
        step.getMessage(),
        step.getExitCode(),
        step.getStartTime(),
        step.getCompletionTime(),
        seconds(step.getStartTime(), step.getCompletionTime()),
        step.getReusedFrom(),
        step.getLogUrl() != null);
  }

  private static Long seconds(Instant start, Instant end) {
    return start == null || end == null ? null : Duration.between(start, end).toSeconds();
  }
}
