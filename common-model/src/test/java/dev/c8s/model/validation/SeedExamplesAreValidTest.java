package dev.c8s.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import org.junit.jupiter.api.Test;

/** The seed's own examples pass validation; the timeout rule that they break only warns. */
class SeedExamplesAreValidTest {

  @Test
  void seedPipelineConfigHasNoErrorsAndOnlyTheTimeoutSumWarning() {
    PipelineConfig config = Seeds.read("example-pipelineconfig.yaml", PipelineConfig.class);

    ValidationResult result = new PipelineConfigValidator().validate(config);

    assertThat(result.errors()).isEmpty();
    assertThat(result.isValid()).isTrue();
    assertThat(result.warnings()).hasSize(1);
    ValidationError warning = result.warnings().get(0);
    assertThat(warning.field()).isEqualTo("spec.timeout");
    assertThat(warning.message())
        .contains("add up to 70m (test 10m + build 30m + push-image 30m)")
        .contains("pipeline timeout of 1h")
        .contains("raise the pipeline timeout to at least 70m");
  }

  @Test
  void seedPipelineRunIsValidAndMatchesTheSeedPipelineConfig() {
    PipelineRun run = Seeds.read("example-pipelinerun.yaml", PipelineRun.class);
    PipelineConfig config = Seeds.read("example-pipelineconfig.yaml", PipelineConfig.class);
    PipelineRunValidator validator = new PipelineRunValidator();

    ValidationResult result =
        validator.validate(run).and(validator.validateAgainstConfig(run, config.getSpec()));

    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void seedRepositoryConnectionIsValid() {
    RepositoryConnection connection =
        Seeds.read("example-repositoryconnection.yaml", RepositoryConnection.class);

    ValidationResult result = new RepositoryConnectionValidator().validate(connection);

    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).isEmpty();
  }
}
