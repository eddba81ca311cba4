package dev.c8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order in which {@code c8s logs} prints a run's steps. */
class StepOrderTest {
  private static Step step(String name, String... dependsOn) {
    Step step = new Step();
    step.setName(name);
    step.setDependsOn(dependsOn.length == 0 ? null : List.of(dependsOn));
    return step;
  }

  private static PipelineRun run(List<Step> snapshot, String... statusSteps) {
    PipelineRunStatus status = new PipelineRunStatus();
    if (snapshot != null) {
      PipelineConfigSpec spec = new PipelineConfigSpec();
      spec.setSteps(snapshot);
      status.setPipelineSpec(spec);
    }
    status.setSteps(
        Arrays.stream(statusSteps).map(n -> new StepStatus(n, StepPhase.Pending)).toList());
    PipelineRun run = new PipelineRun();
    run.setStatus(status);
    return run;
  }

  @Test
  void dependenciesComeFirstAndOtherwiseDeclarationOrderHolds() {
    PipelineRun run =
        run(
            List.of(
                step("deploy", "package"),
                step("package", "compile"),
                step("compile"),
                step("lint")));

    assertThat(StepOrder.of(run)).containsExactly("compile", "package", "deploy", "lint");
  }

  @Test
  void withoutDependsOnTheListOrderIsTheOrder() {
    assertThat(StepOrder.of(run(List.of(step("b"), step("a"), step("c")))))
        .containsExactly("b", "a", "c");
  }

  @Test
  void withoutSnapshotTheStatusOrderIsUsedAndANewRunHasNoSteps() {
    assertThat(StepOrder.of(run(null, "x", "y"))).containsExactly("x", "y");
    assertThat(StepOrder.of(new PipelineRun())).isEmpty();
  }
}
