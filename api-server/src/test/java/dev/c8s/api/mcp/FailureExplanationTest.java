package dev.c8s.api.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureExplanationTest {
  private static PipelineRun run(RunPhase phase, String message, StepStatus... steps) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName("web-7").withNamespace("team").build());
    run.setSpec(new PipelineRunSpec());
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(phase);
    status.setSteps(List.of(steps));
    if (message != null) {
      Condition outcome = new Condition();
      outcome.setType("Succeeded");
      outcome.setStatus(ConditionStatus.FALSE);
      outcome.setMessage(message);
      status.setConditions(List.of(outcome));
    }
    run.setStatus(status);
    return run;
  }

  private static StepStatus step(String name, StepPhase phase, Integer exitCode) {
    StepStatus step = new StepStatus(name, phase);
    step.setExitCode(exitCode);
    return step;
  }

  @Test
  void namesEachFailedStepWithItsExitCodeAndWhatWasSkipped() {
    FailureExplanation why =
        FailureExplanation.of(
            run(
                RunPhase.Failed,
                null,
                step("build", StepPhase.Succeeded, 0),
                step("test", StepPhase.Failed, 1),
                step("lint", StepPhase.Failed, 3),
                step("deploy", StepPhase.Skipped, null)),
            name -> new LogTools.LogExcerpt(name, "archive", 1, List.of("boom")),
            false);
    assertThat(why.summary())
        .isEqualTo(
            "Run \"web-7\" failed: step \"test\" exited with code 1; step \"lint\" exited with"
                + " code 3. Skipped because of it: deploy.");
    assertThat(why.failedSteps()).extracting(f -> f.log().lines()).containsOnly(List.of("boom"));
    assertThat(why.note()).isNull();
  }

  @Test
  void aRunThatFailedBeforeItsStepsSaysWhy() {
    FailureExplanation why =
        FailureExplanation.of(
            run(RunPhase.Failed, "PipelineConfig \"web\" not found"), name -> null, false);
    assertThat(why.summary())
        .isEqualTo("Run \"web-7\" failed before any step failed: PipelineConfig \"web\" not found");
  }

  @Test
  void runsThatDidNotFailAreNotExplainedAsFailures() {
    assertThat(FailureExplanation.of(run(RunPhase.Succeeded, null), n -> null, false).summary())
        .isEqualTo("Run \"web-7\" succeeded; nothing failed.");
    assertThat(FailureExplanation.of(run(RunPhase.Running, null), n -> null, false).summary())
        .isEqualTo("Run \"web-7\" has not ended: it is Running.");
  }

  @Test
  void refusedLogsAreLeftOutWithANote() {
    FailureExplanation why =
        FailureExplanation.of(
            run(RunPhase.Failed, null, step("test", StepPhase.Failed, 1)), name -> null, true);
    assertThat(why.failedSteps().get(0).log()).isNull();
    assertThat(why.note()).contains("may not get pipelineruns.c8s.dev/log in namespace \"team\"");
  }
}
