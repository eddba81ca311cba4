package dev.c8s.model.validation;

import dev.c8s.model.v1alpha1.Patterns;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.StepStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Validates a PipelineRun on its own, an update of one, and a run against its pipeline. */
public final class PipelineRunValidator {
  static final String COMMIT_FORM = "git commit SHA (7-40 lowercase hex characters)";

  private static final Pattern COMMIT = Pattern.compile(Patterns.COMMIT);
  private static final Pattern HEX = Pattern.compile("^[0-9a-fA-F]+$");

  /** Validates {@code run} on its own; field paths start at {@code spec} or {@code status}. */
  public ValidationResult validate(PipelineRun run) {
    Problems problems = new Problems();
    if (run == null || run.getSpec() == null) {
      problems.error(
          "spec",
          "spec is required; give the PipelineRun a spec with pipelineConfigRef and commit",
          "object with pipelineConfigRef and commit",
          null);
      return problems.result();
    }
    PipelineRunSpec spec = run.getSpec();
    Names.checkObjectName(
        problems, "spec.pipelineConfigRef", spec.getPipelineConfigRef(), "PipelineConfig", true);
    commit(problems, "spec.commit", spec.getCommit());
    if (spec.getBranch() != null) {
      GitBranches.problem(spec.getBranch())
          .ifPresent(m -> problems.error("spec.branch", m, GitBranches.EXPECTED, spec.getBranch()));
    }
    PullRequestChecks.check(problems, spec);
    if (spec.getResumeFrom() != null) {
      Names.checkObjectName(problems, "spec.resumeFrom", spec.getResumeFrom(), "PipelineRun", true);
      if (run.getMetadata() != null && spec.getResumeFrom().equals(run.getMetadata().getName())) {
        problems.error(
            "spec.resumeFrom",
            "a run cannot resume itself; name the failed run to resume",
            "name of another PipelineRun",
            spec.getResumeFrom());
      }
    }
    if (spec.getMatrixIndex() != null) {
      spec.getMatrixIndex().keySet().stream()
          .filter(name -> !Names.isEnvVarName(name))
          .forEach(
              name ->
                  problems.error(
                      FieldPaths.key("spec.matrixIndex", name),
                      "matrixIndex names "
                          + Texts.quote(name)
                          + ", which cannot be a matrix"
                          + " dimension: dimensions are environment variable names (letters,"
                          + " digits and '_', not starting with a digit)",
                      Names.ENV_VAR_FORM,
                      name));
    }
    if (run.getStatus() != null && run.getStatus().getSteps() != null) {
      stepStatuses(problems, run.getStatus().getSteps());
    }
    return problems.result();
  }

  /**
   * Validates the change from {@code oldRun} to {@code newRun}: a finished run never changes and
   * the phase follows Pending -> Running -> Succeeded | Failed | Cancelled; step statuses name
   * steps of the run's pipeline snapshot, when it has one. Validate {@code newRun} on its own as
   * well.
   */
  public ValidationResult validateUpdate(PipelineRun oldRun, PipelineRun newRun) {
    Problems problems = new Problems();
    RunUpdates.validate(problems, oldRun, newRun);
    PipelineConfigSpec snapshot =
        newRun == null || newRun.getStatus() == null ? null : newRun.getStatus().getPipelineSpec();
    if (snapshot != null) {
      // Only the step names: the matrix was checked against the cluster's config at creation.
      RunConfigMatch.stepNames(
          problems, newRun, snapshot, "the pipeline snapshot in status.pipelineSpec");
    }
    return problems.result();
  }

  /**
   * Validates {@code run} against the spec of its PipelineConfig (or the snapshot it started with):
   * the matrix combination and the step names in its status.
   */
  public ValidationResult validateAgainstConfig(PipelineRun run, PipelineConfigSpec config) {
    Problems problems = new Problems();
    String configName =
        "PipelineConfig "
            + Texts.quote(run.getSpec() == null ? null : run.getSpec().getPipelineConfigRef());
    if (run.getSpec() != null) {
      RunConfigMatch.matrixIndex(
          problems, run.getSpec().getMatrixIndex(), config.getMatrix(), configName);
    }
    RunConfigMatch.stepNames(problems, run, config, configName);
    return problems.result();
  }

  private static void commit(Problems problems, String path, String commit) {
    if (Texts.isBlank(commit)) {
      problems.error(
          path,
          "commit is required; set it to the SHA of the commit to build (git rev-parse HEAD"
              + " prints it)",
          COMMIT_FORM,
          commit);
      return;
    }
    if (COMMIT.matcher(commit).matches()) {
      return;
    }
    String message;
    if (!HEX.matcher(commit).matches()) {
      message =
          "commit "
              + Texts.quote(commit)
              + " is not a commit SHA; set the hexadecimal SHA of"
              + " the commit, not a branch or tag name (git rev-parse HEAD prints it)";
    } else if (commit.length() < 7) {
      message =
          "commit "
              + Texts.quote(commit)
              + " has "
              + commit.length()
              + " characters; use at"
              + " least 7 characters of the SHA (git rev-parse --short HEAD prints them)";
    } else if (commit.length() > 40) {
      message =
          "commit "
              + Texts.quote(commit)
              + " has "
              + commit.length()
              + " characters; c8s"
              + " accepts SHA-1 commit SHAs of at most 40";
    } else {
      message =
          "commit "
              + Texts.quote(commit)
              + " has uppercase letters; write it in lowercase: "
              + commit.toLowerCase(Locale.ROOT);
    }
    problems.error(path, message, COMMIT_FORM, commit);
  }

  private static void stepStatuses(Problems problems, List<StepStatus> steps) {
    Map<String, Integer> seen = new HashMap<>();
    for (int k = 0; k < steps.size(); k++) {
      String at = FieldPaths.index("status.steps", k);
      StepStatus step = steps.get(k);
      if (step == null || Texts.isBlank(step.getName())) {
        problems.error(at + ".name", "step status has no name; name the step it reports on");
        continue;
      }
      if (step.getPhase() == null) {
        problems.error(
            at + ".phase",
            "step "
                + Texts.quote(step.getName())
                + " has no phase; set one of Pending, Running,"
                + " Succeeded, Failed or Skipped");
      }
      Integer first = seen.putIfAbsent(step.getName(), k);
      if (first != null) {
        problems.error(
            at + ".name",
            "step "
                + Texts.quote(step.getName())
                + " is already reported by "
                + FieldPaths.index("status.steps", first)
                + "; keep one status per step");
      }
    }
  }
}
