package dev.c8s.model.engine;

import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a run that resumes another ({@code spec.resumeFrom}) takes from it: the pipeline snapshot
 * and the steps that succeeded there, which it does not run again.
 */
public final class ResumePlan {
  private ResumePlan() {}

  /** The outcome of planning a resume. */
  public sealed interface Outcome {}

  /**
   * Resume with {@code pipeline} as the snapshot; {@code reused} are the steps already done.
   *
   * @param reused the original's succeeded steps, pointing at the run that ran them
   */
  public record Plan(PipelineConfigSpec pipeline, List<StepStatus> reused) implements Outcome {}

  /** Cannot resume; {@code message} says why and what to do instead. */
  public record Refusal(String message) implements Outcome {}

  /**
   * Plans {@code resuming}'s resume of {@code original} (null when it does not exist).
   *
   * @param namespace where both live, for the messages
   */
  public static Outcome of(PipelineRun resuming, PipelineRun original, String namespace) {
    PipelineRunSpec spec = resuming.getSpec();
    String name = spec.getResumeFrom();
    if (original == null) {
      return new Refusal(
          "run \""
              + name
              + "\" (spec.resumeFrom) does not exist in namespace "
              + namespace
              + "; it may have been deleted beyond the history limit: start a new run instead");
    }
    PipelineRunStatus status = original.getStatus();
    RunPhase phase = status == null ? null : status.getPhase();
    if (phase == null || !phase.isTerminal()) {
      return new Refusal(
          "run \""
              + name
              + "\" has not finished (phase "
              + (phase == null ? "none" : phase)
              + "); wait for it to end or cancel it, then resume it");
    }
    if (phase == RunPhase.Succeeded) {
      return new Refusal(
          "run \"" + name + "\" succeeded, so nothing is left to resume; rerun it to run it again");
    }
    PipelineRunSpec was = original.getSpec();
    String mismatch = mismatch(was, spec);
    if (mismatch != null) {
      return new Refusal(
          "run \"" + name + "\" " + mismatch + "; a resumed run repeats the same build");
    }
    if (status.getPipelineSpec() == null || status.getSteps() == null) {
      return new Refusal(
          "run \""
              + name
              + "\" never started a step, so nothing is left to reuse; rerun it instead");
    }
    Map<String, StepStatus> byName = new HashMap<>();
    status.getSteps().forEach(s -> byName.put(s.getName(), s));
    StepGraph graph = StepGraph.of(status.getPipelineSpec().getSteps());
    List<StepStatus> reused =
        status.getSteps().stream()
            .filter(s -> s.getPhase() == StepPhase.Succeeded)
            // A step that ran after a failure (clean-up, notification) runs again after the retry.
            .filter(s -> graph.ancestorsOf(s.getName()).stream().allMatch(a -> done(byName.get(a))))
            .map(s -> reuse(s, name))
            .toList();
    return new Plan(status.getPipelineSpec(), reused);
  }

  /** Succeeded, or skipped by its branch condition: nothing about it asks for a second run. */
  private static boolean done(StepStatus step) {
    return step != null
        && (step.getPhase() == StepPhase.Succeeded
            || (step.getPhase() == StepPhase.Skipped
                && StepReason.BranchConditionNotMet.name().equals(step.getReason())));
  }

  private static String mismatch(PipelineRunSpec was, PipelineRunSpec now) {
    if (!Objects.equals(was.getPipelineConfigRef(), now.getPipelineConfigRef())) {
      return "is a run of PipelineConfig \""
          + was.getPipelineConfigRef()
          + "\", not \""
          + now.getPipelineConfigRef()
          + "\"";
    }
    if (!Objects.equals(was.getCommit(), now.getCommit())) {
      return "built commit " + was.getCommit() + ", not " + now.getCommit();
    }
    Map<String, String> wasCombination =
        was.getMatrixIndex() == null ? Map.of() : was.getMatrixIndex();
    Map<String, String> combination =
        now.getMatrixIndex() == null ? Map.of() : now.getMatrixIndex();
    if (!wasCombination.equals(combination)) {
      return "ran matrix combination " + wasCombination + ", not " + combination;
    }
    return null;
  }

  /** The step as the resumed run shows it: done, with the log and artifacts where they are. */
  private static StepStatus reuse(StepStatus step, String original) {
    String ranIn = step.getReusedFrom() != null ? step.getReusedFrom() : original;
    StepStatus reused = new StepStatus(step.getName(), StepPhase.Succeeded);
    reused.setReason(StepReason.Reused.name());
    reused.setMessage("reused from run " + ranIn);
    reused.setReusedFrom(ranIn);
    reused.setStartTime(step.getStartTime());
    reused.setCompletionTime(step.getCompletionTime());
    reused.setExitCode(step.getExitCode());
    reused.setLogUrl(step.getLogUrl());
    reused.setArtifactUrls(step.getArtifactUrls());
    return reused;
  }
}
