package dev.c8s.model.validation;

import dev.c8s.model.v1alpha1.Patterns;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PullRequest;
import java.util.regex.Pattern;

/** The rules for a run's {@code spec.pullRequest} and its approval fields. */
final class PullRequestChecks {
  private static final Pattern FETCH_REF = Pattern.compile(Patterns.FETCH_REF);
  private static final String FETCH_REF_FORM = "git ref below refs/ (letters, digits, . _ / -)";

  private PullRequestChecks() {}

  static void check(Problems problems, PipelineRunSpec spec) {
    PullRequest pr = spec.getPullRequest();
    if (pr != null) {
      pullRequest(problems, pr);
    }
    if (spec.getApprovedBy() != null && spec.getApprovedBy().isBlank()) {
      problems.error(
          "spec.approvedBy",
          "approvedBy is blank; name who approved the run, or leave the field out while it waits",
          "user name",
          spec.getApprovedBy());
    }
  }

  private static void pullRequest(Problems problems, PullRequest pr) {
    if (pr.getNumber() == null || pr.getNumber() < 1) {
      problems.error(
          "spec.pullRequest.number",
          "pullRequest.number must be the pull request's number, 1 or more",
          "integer >= 1",
          pr.getNumber());
    }
    if (Texts.isBlank(pr.getBaseBranch())) {
      problems.error(
          "spec.pullRequest.baseBranch",
          "pullRequest.baseBranch is required; set the branch the pull request merges into",
          GitBranches.EXPECTED,
          pr.getBaseBranch());
    } else {
      GitBranches.problem(pr.getBaseBranch())
          .ifPresent(
              m ->
                  problems.error(
                      "spec.pullRequest.baseBranch", m, GitBranches.EXPECTED, pr.getBaseBranch()));
    }
    if (pr.getHeadBranch() != null) {
      GitBranches.problem(pr.getHeadBranch())
          .ifPresent(
              m ->
                  problems.error(
                      "spec.pullRequest.headBranch", m, GitBranches.EXPECTED, pr.getHeadBranch()));
    }
    if (pr.getFetchRef() != null && !FETCH_REF.matcher(pr.getFetchRef()).matches()) {
      problems.error(
          "spec.pullRequest.fetchRef",
          "fetchRef "
              + Texts.quote(pr.getFetchRef())
              + " is not a ref below refs/ (for example refs/pull/12/head)",
          FETCH_REF_FORM,
          pr.getFetchRef());
    }
  }
}
