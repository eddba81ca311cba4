package dev.c8s.model.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Label values equal the name while it fits and a stable hashed form once it does not. */
class LabelValuesTest {

  @Test
  void nameThatFitsIsItsOwnLabelValue() {
    String name = "x".repeat(63);
    assertThat(LabelValues.of("build")).isEqualTo("build");
    assertThat(LabelValues.of(name)).isEqualTo(name);
  }

  // The expected value was produced by the controller's KubernetesNames.labelValue, so the
  // api-server selects exactly the objects the controller labels.
  @Test
  void longNameIsShortenedLikeTheControllerDoes() {
    String name = "a-very-long-pipeline-config-name-that-goes-well-beyond-the-label-limit-of-63";
    assertThat(LabelValues.of(name))
        .isEqualTo("a-very-long-pipeline-config-name-that-goes-well-beyo-ce8f31fe8d")
        .hasSizeLessThanOrEqualTo(63);
  }

  @Test
  void prefixNeverEndsWithADashBeforeTheHash() {
    String name = "a".repeat(51) + "-" + "b".repeat(20);
    assertThat(LabelValues.of(name)).startsWith("a".repeat(51) + "-").doesNotContain("--");
  }
}
