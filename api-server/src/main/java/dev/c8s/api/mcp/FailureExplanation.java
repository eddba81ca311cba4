package dev.c8s.api.mcp;

import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Why a run failed, in the order a person debugging it looks: one sentence, then each failed step
 * with its exit code and the end of its log, then what was skipped because of it.
 *
 * @param summary one sentence saying what happened
 * @param run the run's summary
 * @param failedSteps each failed step with the end of its log (null when logs are not readable)
 * @param skippedSteps names of the steps that did not run
 * @param note why log lines are missing, or null
 */
record FailureExplanation(
    String summary,
    RunViews.RunSummary run,
    List<FailedStep> failedSteps,
    List<String> skippedSteps,
    String note) {

  /** A failed step and the end of its log. */
  record FailedStep(RunViews.StepView step, LogTools.LogExcerpt log) {}

  /**
   * Explains {@code run}; {@code logOf} gives a step's log tail (null to leave it out) and {@code
   * logsRefused} says that the caller may not read logs.
   */
  static FailureExplanation of(
      PipelineRun run, Function<String, LogTools.LogExcerpt> logOf, boolean logsRefused) {
    RunViews.RunSummary summary = RunViews.summary(run);
    List<StepStatus> steps =
        Optional.ofNullable(run.getStatus()).map(s -> s.getSteps()).orElse(List.of());
    List<FailedStep> failed = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (StepStatus step : steps) {
      if (step.getPhase() == StepPhase.Failed) {
        failed.add(new FailedStep(RunViews.step(step), logOf.apply(step.getName())));
      } else if (step.getPhase() == StepPhase.Skipped) {
        skipped.add(step.getName());
      }
    }
    String note =
        logsRefused
            ? "log lines left out: the caller may not get pipelineruns.c8s.dev/log in namespace \""
                + run.getMetadata().getNamespace()
                + "\""
            : null;
    return new FailureExplanation(
        sentence(summary, failed, skipped), summary, failed, skipped, note);
  }

  private static String sentence(
      RunViews.RunSummary run, List<FailedStep> failed, List<String> skipped) {
    String name = "Run \"" + run.name() + "\"";
    String phase = run.phase();
    if (!"Failed".equals(phase)) {
      String outcome = run.message() == null ? "" : " (" + run.message() + ")";
      return switch (phase) {
        case "Succeeded" -> name + " succeeded; nothing failed.";
        case "Cancelled" -> name + " was cancelled" + outcome + "; no step failed on its own.";
        default -> name + " has not ended: it is " + phase + outcome + ".";
      };
    }
    if (failed.isEmpty()) {
      return name
          + " failed before any step failed"
          + (run.message() == null ? "." : ": " + run.message());
    }
    StringBuilder text = new StringBuilder(name).append(" failed: ");
    for (int i = 0; i < failed.size(); i++) {
      RunViews.StepView step = failed.get(i).step();
      text.append(i == 0 ? "" : "; ").append("step \"").append(step.name()).append("\" ");
      text.append(step.exitCode() == null ? "failed" : "exited with code " + step.exitCode());
      if (step.reason() != null) {
        text.append(" (").append(step.reason()).append(')');
      }
      if (step.message() != null) {
        text.append(": ").append(step.message());
      }
    }
    text.append('.');
    if (!skipped.isEmpty()) {
      text.append(" Skipped because of it: ").append(String.join(", ", skipped)).append('.');
    }
    return text.toString();
  }
}
