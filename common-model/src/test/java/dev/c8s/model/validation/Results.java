package dev.c8s.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepSecret;
import java.util.ArrayList;
import java.util.List;

/** Assertions shared by the validation tests. */
final class Results {
  private Results() {}

  /** The result has exactly one error, at {@code field}, whose message has every fragment. */
  static ValidationError assertSingleError(
      ValidationResult result, String field, List<String> fragments) {
    assertThat(result.errors()).as("errors").hasSize(1);
    ValidationError error = result.errors().get(0);
    assertThat(error.field()).isEqualTo(field);
    assertThat(error.message()).contains(fragments);
    return error;
  }

  static ValidationError assertSingleError(
      ValidationResult result, String field, String... fragments) {
    return assertSingleError(result, field, List.of(fragments));
  }

  static List<String> fields(List<ValidationError> problems) {
    return problems.stream().map(ValidationError::field).toList();
  }

  /** The seed's example PipelineConfig: test, build (after test), push-image (after build). */
  static PipelineConfig seedConfig() {
    return Seeds.read("example-pipelineconfig.yaml", PipelineConfig.class);
  }

  static PipelineConfigSpec seedSpec() {
    return seedConfig().getSpec();
  }

  static Step step(PipelineConfigSpec spec, int index) {
    return spec.getSteps().get(index);
  }

  /** The seed's only secret reference: registry-credentials / config.json as DOCKER_CONFIG. */
  static StepSecret secret(PipelineConfigSpec spec) {
    return spec.getSteps().get(2).getSecrets().get(0);
  }

  /** Jackson may hand back fixed-size lists; table cases add steps and secrets. */
  static void mutable(PipelineConfigSpec spec) {
    spec.setSteps(new ArrayList<>(spec.getSteps()));
    spec.getSteps().get(2).setSecrets(new ArrayList<>(spec.getSteps().get(2).getSecrets()));
  }
}
