package dev.c8s.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.StepResources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation never stops at the first problem: one result lists them all. */
class AllProblemsAtOnceTest {

  @Test
  void pipelineConfigWithSeveralProblemsGetsAllOfThemInOneResult() {
    PipelineConfig config = Results.seedConfig();
    config.getSpec().setRepository("git@github.com:org/my-app");
    config.getSpec().getSteps().get(0).setName("Test");
    config.getSpec().getSteps().get(0).setResources(new StepResources("1.5", "2GB"));
    config.getSpec().getSteps().get(1).setDependsOn(List.of("tset"));
    config.getSpec().getSteps().get(2).setImage(null);
    config.getSpec().getSteps().get(2).getSecrets().get(0).setEnvVar("docker config");
    config.getSpec().setTimeout("forever");

    ValidationResult result = new PipelineConfigValidator().validate(config);

    assertThat(Results.fields(result.errors()))
        .containsExactly(
            "spec.repository",
            "spec.steps[0].name",
            "spec.steps[0].resources.cpu",
            "spec.steps[0].resources.memory",
            "spec.steps[2].image",
            "spec.steps[2].secrets[0].envVar",
            "spec.steps[1].dependsOn[0]",
            "spec.timeout");
    assertThat(result.isValid()).isFalse();
  }

  @Test
  void pipelineRunWithSeveralProblemsGetsAllOfThemInOneResult() {
    PipelineRun run = new PipelineRun();
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setPipelineConfigRef("My_Config");
    spec.setCommit("ABC123D");
    spec.setBranch("refs/heads/main");
    spec.setMatrixIndex(Map.of("go-version", "1.21"));
    run.setSpec(spec);

    ValidationResult result = new PipelineRunValidator().validate(run);

    assertThat(Results.fields(result.errors()))
        .containsExactly(
            "spec.pipelineConfigRef", "spec.commit", "spec.branch", "spec.matrixIndex.go-version");
  }
}
