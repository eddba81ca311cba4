package dev.c8s.model.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunFieldsTest {

  @Test
  void fieldNamesAreTheSelectableJsonPathsWithoutTheirLeadingDot() {
    assertThat(RunFields.PHASE).isEqualTo("status.phase");
    assertThat(RunFields.PIPELINE_CONFIG).isEqualTo("spec.pipelineConfigRef");
    assertThat(RunFields.BRANCH).isEqualTo("spec.branch");
    assertThat(RunFields.COMMIT).isEqualTo("spec.commit");
  }

  @Test
  void aPhaseOtherThanPendingIsSelectedByEquality() {
    assertThat(RunFields.phaseSelector(RunPhase.Failed)).isEqualTo("status.phase=Failed");
  }

  @Test
  void pendingIsEveryRunInNoOtherPhaseSoRunsWithoutAPhaseAreIncluded() {
    assertThat(RunFields.phaseSelector(RunPhase.Pending))
        .isEqualTo(
            "status.phase!=Running,status.phase!=Succeeded,status.phase!=Failed,"
                + "status.phase!=Cancelled");
  }

  @Test
  void backslashesCommasAndEqualsSignsInAValueAreEscaped() {
    assertThat(RunFields.equalTo(RunFields.BRANCH, "a,b=c\\d"))
        .isEqualTo("spec.branch=a\\,b\\=c\\\\d");
  }

  @Test
  void anOrdinaryBranchNameIsTakenAsItIs() {
    assertThat(RunFields.equalTo(RunFields.BRANCH, "feature/x-1.2_y"))
        .isEqualTo("spec.branch=feature/x-1.2_y");
  }
}
