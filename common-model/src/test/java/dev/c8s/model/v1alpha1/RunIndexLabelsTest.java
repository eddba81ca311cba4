package dev.c8s.model.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunIndexLabelsTest {
  private static PipelineRun run(Map<String, String> labels) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName("r").withLabels(labels).build());
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setPipelineConfigRef("webapp");
    run.setSpec(spec);
    return run;
  }

  @Test
  void aRunWithoutLabelsNeedsItsConfigAndPendingPhase() {
    assertThat(RunIndexLabels.outdated(run(null), null))
        .containsExactly(
            Map.entry(C8s.LABEL_PIPELINE_CONFIG, "webapp"), Map.entry(C8s.LABEL_PHASE, "Pending"));
  }

  @Test
  void onlyTheLabelThatChangedIsOutdated() {
    PipelineRun labelled =
        run(Map.of(C8s.LABEL_PIPELINE_CONFIG, "webapp", C8s.LABEL_PHASE, "Running", "team", "a"));
    assertThat(RunIndexLabels.outdated(labelled, RunPhase.Running)).isEmpty();
    assertThat(RunIndexLabels.outdated(labelled, RunPhase.Succeeded))
        .containsExactly(Map.entry(C8s.LABEL_PHASE, "Succeeded"));
  }

  @Test
  void whereRunsAreSelectableByFieldANewRunGetsNoPhaseLabel() {
    assertThat(RunIndexLabels.outdated(run(null), RunPhase.Running, true))
        .containsExactly(Map.entry(C8s.LABEL_PIPELINE_CONFIG, "webapp"));
  }

  @Test
  void whereRunsAreSelectableByFieldAPhaseLabelFromBeforeIsStillKeptCurrent() {
    PipelineRun labelled =
        run(Map.of(C8s.LABEL_PIPELINE_CONFIG, "webapp", C8s.LABEL_PHASE, "Running"));
    assertThat(RunIndexLabels.outdated(labelled, RunPhase.Failed, true))
        .containsExactly(Map.entry(C8s.LABEL_PHASE, "Failed"));
    assertThat(RunIndexLabels.outdated(labelled, RunPhase.Running, true)).isEmpty();
  }

  @Test
  void aLongConfigNameIsShortenedAsEveryServiceShortensIt() {
    PipelineRun run = run(null);
    run.getSpec().setPipelineConfigRef("p".repeat(80));
    assertThat(RunIndexLabels.wanted(run, null).get(C8s.LABEL_PIPELINE_CONFIG))
        .isEqualTo(LabelValues.of("p".repeat(80)))
        .hasSizeLessThanOrEqualTo(63);
  }

  @Test
  void thePhaseSelectorExcludesOnlyTheOtherPhasesSoUnlabelledRunsStayIn() {
    assertThat(RunIndexLabels.phaseSelector(RunPhase.Running))
        .isEqualTo("c8s.dev/phase notin (Pending,Succeeded,Failed,Cancelled)");
  }
}
