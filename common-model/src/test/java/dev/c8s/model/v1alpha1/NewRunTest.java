package dev.c8s.model.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewRunTest {
  private static final Instant AT = Instant.parse("2026-11-29T07:00:00Z");

  @Test
  void aRunCarriesItsConfigLabelsAndTheTriggerInItsSpec() {
    PipelineRun run =
        new NewRun("team-a", "webapp", "abc123", "main", "alice", AT, Map.of()).build();

    assertThat(run.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(run.getMetadata().getName()).isNull();
    assertThat(run.getMetadata().getLabels())
        .containsEntry(C8s.LABEL_PIPELINE_CONFIG, "webapp")
        .containsEntry(C8s.LABEL_MANAGED_BY, C8s.MANAGED_BY);
    assertThat(run.getMetadata().getAnnotations()).isEmpty();
    PipelineRunSpec spec = run.getSpec();
    assertThat(spec.getPipelineConfigRef()).isEqualTo("webapp");
    assertThat(spec.getCommit()).isEqualTo("abc123");
    assertThat(spec.getBranch()).isEqualTo("main");
    assertThat(spec.getTriggeredBy()).isEqualTo("alice");
    assertThat(spec.getTriggeredAt()).isEqualTo(AT);
    assertThat(spec.getMatrixIndex()).isNull();
  }

  @Test
  void aMatrixCombinationIsCopiedIntoTheRun() {
    Map<String, String> combination = Map.of("os", "linux");

    PipelineRun run =
        new NewRun("team-a", "webapp", "abc123", null, "alice", AT, combination).build();

    assertThat(run.getSpec().getMatrixIndex()).isEqualTo(combination).isNotSameAs(combination);
  }

  @Test
  void aLongConfigNameStillMakesAValidLabelValue() {
    String name = "a".repeat(70);

    PipelineRun run = new NewRun("team-a", name, "abc", null, "alice", AT, Map.of()).build();

    assertThat(run.getMetadata().getLabels().get(C8s.LABEL_PIPELINE_CONFIG)).hasSizeLessThan(64);
  }
}
