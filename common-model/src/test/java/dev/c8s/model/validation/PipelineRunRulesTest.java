package dev.c8s.model.validation;

import static dev.c8s.model.validation.Results.assertSingleError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PullRequest;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One broken field of the seed's PipelineRun gives exactly one error, at that field. */
class PipelineRunRulesTest {
  private final PipelineRunValidator validator = new PipelineRunValidator();

  static Stream<Arguments> brokenFields() {
    return Stream.of(
        rule("spec is required", r -> r.setSpec(null), "spec", "spec is required"),
        rule(
            "pipelineConfigRef is required",
            r -> r.getSpec().setPipelineConfigRef(null),
            "spec.pipelineConfigRef",
            "the name of a PipelineConfig is required"),
        rule(
            "pipelineConfigRef is an object name",
            r -> r.getSpec().setPipelineConfigRef("My_App_CI"),
            "spec.pipelineConfigRef",
            "\"My_App_CI\" cannot be the name of a PipelineConfig",
            "did you mean \"my-app-ci\"?"),
        rule(
            "resumeFrom is a run name",
            r -> r.getSpec().setResumeFrom("Run 1"),
            "spec.resumeFrom",
            "\"Run 1\" cannot be the name of a PipelineRun"),
        rule(
            "a run does not resume itself",
            r -> r.getSpec().setResumeFrom(r.getMetadata().getName()),
            "spec.resumeFrom",
            "a run cannot resume itself"),
        rule(
            "commit is required",
            r -> r.getSpec().setCommit(null),
            "spec.commit",
            "commit is required"),
        rule(
            "uppercase commit is to be lowercased",
            r -> r.getSpec().setCommit("ABC123DEF456"),
            "spec.commit",
            "commit \"ABC123DEF456\" has uppercase letters; write it in lowercase: abc123def456"),
        rule(
            "commit has at least 7 characters",
            r -> r.getSpec().setCommit("abc12"),
            "spec.commit",
            "commit \"abc12\" has 5 characters; use at least 7"),
        rule(
            "commit has at most 40 characters",
            r -> r.getSpec().setCommit("a".repeat(41)),
            "spec.commit",
            "has 41 characters; c8s accepts SHA-1 commit SHAs of at most 40"),
        rule(
            "commit is hexadecimal",
            r -> r.getSpec().setCommit("main"),
            "spec.commit",
            "commit \"main\" is not a commit SHA",
            "not a branch or tag name"),
        rule(
            "branch is not a full ref",
            r -> r.getSpec().setBranch("refs/heads/main"),
            "spec.branch",
            "drop the refs/heads/ prefix and write \"main\""),
        rule(
            "branch has no whitespace",
            r -> r.getSpec().setBranch("my branch"),
            "spec.branch",
            "branch \"my branch\" contains whitespace"),
        rule(
            "branch has no '..'",
            r -> r.getSpec().setBranch("a..b"),
            "spec.branch",
            "contains '..'"),
        rule(
            "branch has none of ~^:?*[\\",
            r -> r.getSpec().setBranch("fix:1"),
            "spec.branch",
            "branch \"fix:1\" contains ':'"),
        rule(
            "branch does not end with a slash",
            r -> r.getSpec().setBranch("release/"),
            "spec.branch",
            "empty path component"),
        rule(
            "branch does not end with .lock",
            r -> r.getSpec().setBranch("topic.lock"),
            "spec.branch",
            "ends with '.lock'"),
        rule(
            "branch is not empty",
            r -> r.getSpec().setBranch(""),
            "spec.branch",
            "branch name is empty"),
        rule(
            "matrixIndex keys are environment variable names",
            r -> r.getSpec().setMatrixIndex(Map.of("go version", "1.21")),
            "spec.matrixIndex[\"go version\"]",
            "matrixIndex names \"go version\", which cannot be a matrix dimension"),
        rule(
            "pullRequest has a number of 1 or more",
            r -> r.getSpec().setPullRequest(pullRequest(0L, "main", null)),
            "spec.pullRequest.number",
            "pullRequest.number must be the pull request's number, 1 or more"),
        rule(
            "pullRequest names its base branch",
            r -> r.getSpec().setPullRequest(pullRequest(3L, null, null)),
            "spec.pullRequest.baseBranch",
            "pullRequest.baseBranch is required"),
        rule(
            "pullRequest base branch is a branch name",
            r -> r.getSpec().setPullRequest(pullRequest(3L, "refs/heads/main", null)),
            "spec.pullRequest.baseBranch",
            "drop the refs/heads/ prefix"),
        rule(
            "pullRequest fetch ref is below refs/",
            r -> r.getSpec().setPullRequest(pullRequest(3L, "main", "pull/3/head; rm -rf /")),
            "spec.pullRequest.fetchRef",
            "is not a ref below refs/ (for example refs/pull/12/head)"),
        rule(
            "approvedBy is not blank",
            r -> r.getSpec().setApprovedBy(" "),
            "spec.approvedBy",
            "approvedBy is blank"),
        rule(
            "step status has a name",
            r -> r.getStatus().getSteps().add(new StepStatus(null, StepPhase.Pending)),
            "status.steps[2].name",
            "step status has no name"),
        rule(
            "step status has a phase",
            r -> r.getStatus().getSteps().add(new StepStatus("push-image", null)),
            "status.steps[2].phase",
            "step \"push-image\" has no phase"),
        rule(
            "one status per step",
            r -> r.getStatus().getSteps().add(new StepStatus("test", StepPhase.Succeeded)),
            "status.steps[2].name",
            "step \"test\" is already reported by status.steps[0]"));
  }

  private static PullRequest pullRequest(Long number, String base, String fetchRef) {
    PullRequest pr = new PullRequest();
    pr.setNumber(number);
    pr.setBaseBranch(base);
    pr.setFetchRef(fetchRef);
    return pr;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFields")
  void eachRuleReportsOneErrorAtTheBrokenField(
      String rule, Consumer<PipelineRun> breakIt, String field, List<String> fragments) {
    PipelineRun run = seedRun();
    breakIt.accept(run);

    assertSingleError(validator.validate(run), field, fragments);
  }

  @ParameterizedTest
  @ValueSource(strings = {"main", "feature/login", "release-1.2", "user/jdoe/fix_x", "v2.0.x"})
  void ordinaryBranchNamesAreValid(String branch) {
    PipelineRun run = seedRun();
    run.getSpec().setBranch(branch);

    assertThat(validator.validate(run).errors()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc123d", "0123456789abcdef0123456789abcdef01234567"})
  void shortAndFullCommitShasAreValid(String commit) {
    PipelineRun run = seedRun();
    run.getSpec().setCommit(commit);

    assertThat(validator.validate(run).errors()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ABC123D", "abc12"})
  void commitErrorsNameTheExpectedForm(String commit) {
    PipelineRun run = seedRun();
    run.getSpec().setCommit(commit);

    ValidationError error = validator.validate(run).errors().get(0);

    assertThat(error.expectedType()).isEqualTo("git commit SHA (7-40 lowercase hex characters)");
    assertThat(error.actualValue()).isEqualTo(commit);
  }

  static PipelineRun seedRun() {
    PipelineRun run = Seeds.read("example-pipelinerun.yaml", PipelineRun.class);
    run.getStatus().setSteps(new ArrayList<>(run.getStatus().getSteps()));
    return run;
  }

  private static Arguments rule(
      String rule, Consumer<PipelineRun> change, String field, String... fragments) {
    return arguments(rule, change, field, List.of(fragments));
  }
}
