package dev.c8s.api.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.RunPhase;
import org.junit.jupiter.api.Test;

class RunFilterTest {
  private final RunFilter everything = new RunFilter("webapp", RunPhase.Failed, "main", 7L);

  @Test
  void byFieldKubernetesEvaluatesTheWholeFilterAndNothingIsScanned() {
    RunFilter.Selectors selectors = everything.selectors(true);
    assertThat(selectors.fields())
        .isEqualTo("spec.pipelineConfigRef=webapp,status.phase=Failed,spec.branch=main");
    assertThat(selectors.labels()).isEqualTo("c8s.dev/pull-request=7");
    assertThat(everything.needsScan(true)).isFalse();
  }

  @Test
  void byLabelTheConfigAndPhaseAreLabelsAndPhaseAndBranchAreScanned() {
    RunFilter.Selectors selectors = everything.selectors(false);
    assertThat(selectors.fields()).isNull();
    assertThat(selectors.labels())
        .isEqualTo(
            "c8s.dev/pipeline-config=webapp,"
                + "c8s.dev/phase notin (Pending,Running,Succeeded,Cancelled),"
                + "c8s.dev/pull-request=7");
    assertThat(everything.needsScan(false)).isTrue();
  }

  @Test
  void anEmptyFilterSelectsNothingAway() {
    RunFilter none = new RunFilter(null, null, null);
    assertThat(none.selectors(true)).isEqualTo(new RunFilter.Selectors(null, null));
    assertThat(none.selectors(false)).isEqualTo(new RunFilter.Selectors(null, null));
    assertThat(none.needsScan(false)).isFalse();
  }

  @Test
  void aBranchNameIsEscapedForTheFieldSelector() {
    assertThat(new RunFilter(null, null, "a,b").selectors(true).fields())
        .isEqualTo("spec.branch=a\\,b");
  }
}
