package dev.c8s.controller.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommitReportsTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final String URL = "https://ci.example.com/runs/{namespace}/{name}";

  @ParameterizedTest(name = "{0} ({1}) shows {2}: {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Pending   | Pending                | PENDING   | Pending: Steps are waiting for quota",
        "Running   | Running                | RUNNING   | Running",
        "Succeeded | AllStepsSucceeded      | SUCCESS   | Succeeded in 1m 5s",
        "Failed    | StepFailed             | FAILURE   | Failed: Steps are waiting for quota",
        "Failed    | InvalidPipeline        | ERROR     | Failed: Steps are waiting for quota",
        "Failed    | PipelineConfigNotFound | ERROR     | Failed: Steps are waiting for quota",
        "Cancelled | Cancelled              | CANCELLED | Cancelled: Steps are waiting for quota",
      })
  void eachPhaseBecomesAnOutcomeAndAShortDescription(
      RunPhase phase, String reason, CommitOutcome outcome, String description) {
    PipelineRun run = run(SHA, Map.of());
    PipelineRunStatus status = status(phase, reason, "Steps are waiting for quota");

    CommitReport report = CommitReports.of(run, status, URL).orElseThrow();

    assertThat(report.outcome()).isEqualTo(outcome);
    assertThat(report.description()).isEqualTo(description);
    assertThat(report.targetUrl()).isEqualTo("https://ci.example.com/runs/team-a/app-42");
    assertThat(report.context()).isEqualTo("c8s/app");
    assertThat(report.commit()).isEqualTo(SHA);
    assertThat(report.branch()).isEqualTo("main");
  }

  @Test
  void aMatrixCombinationHasItsOwnContextSortedByKey() {
    PipelineRun run = run(SHA, Map.of("os", "linux", "jdk", "21"));

    CommitReport report =
        CommitReports.of(run, status(RunPhase.Running, "Running", ""), URL).orElseThrow();

    assertThat(report.context()).isEqualTo("c8s/app (jdk=21, os=linux)");
  }

  @Test
  void anAbbreviatedCommitOrARunWithoutPhaseIsNotReported() {
    assertThat(CommitReports.of(run("0123456", Map.of()), status(RunPhase.Running, "", ""), URL))
        .isEmpty();
    assertThat(CommitReports.of(run(SHA, Map.of()), new PipelineRunStatus(), URL)).isEmpty();
  }

  @Test
  void aLongFailureMessageIsCutToGitHubsLimitOnOneLine() {
    String message = "step test failed:\n" + "x".repeat(300);

    CommitReport report =
        CommitReports.of(run(SHA, Map.of()), status(RunPhase.Failed, "StepFailed", message), URL)
            .orElseThrow();

    assertThat(report.description()).hasSize(CommitReports.MAX_DESCRIPTION).endsWith("…");
    assertThat(report.description())
        .startsWith("Failed: step test failed: xxx")
        .doesNotContain("\n");
  }

  private static PipelineRun run(String commit, Map<String, String> matrix) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("app-42").build());
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setPipelineConfigRef("app");
    spec.setCommit(commit);
    spec.setBranch("main");
    spec.setMatrixIndex(matrix.isEmpty() ? null : matrix);
    run.setSpec(spec);
    return run;
  }

  private static PipelineRunStatus status(RunPhase phase, String reason, String message) {
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(phase);
    status.setStartTime(Instant.parse("2026-11-29T10:00:00Z"));
    if (phase.isTerminal()) {
      status.setCompletionTime(Instant.parse("2026-11-29T10:01:05Z"));
    }
    if (phase != RunPhase.Running) {
      status.setConditions(
          List.of(new Condition("Succeeded", ConditionStatus.UNKNOWN, reason, message)));
    }
    return status;
  }
}
