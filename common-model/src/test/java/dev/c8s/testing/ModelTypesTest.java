package dev.c8s.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.CommitStatusReport;
import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.LastEvent;
import dev.c8s.model.v1alpha1.Matrix;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineConfigStatus;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import dev.c8s.model.v1alpha1.RepositoryConnectionStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepConditional;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepResources;
import dev.c8s.model.v1alpha1.StepSecret;
import dev.c8s.model.v1alpha1.StepStatus;
import org.junit.jupiter.api.Test;

/** The model types the services' NativeReflectionITs require to be registered. */
class ModelTypesTest {

  @Test
  void theTypesReachableFromTheCustomResourcesIncludeThoseInsideListsEnumsAndNestedSpecs() {
    // Named here so that a walk that stops early cannot make every NativeReflectionIT pass.
    assertThat(ModelTypes.reachableFromCustomResources())
        .contains(
            PipelineConfig.class,
            PipelineConfigSpec.class,
            PipelineConfigStatus.class,
            PipelineRun.class,
            PipelineRunSpec.class,
            PipelineRunStatus.class,
            RepositoryConnection.class,
            RepositoryConnectionSpec.class,
            RepositoryConnectionStatus.class,
            Step.class,
            StepResources.class,
            StepSecret.class,
            StepConditional.class,
            Matrix.class,
            StepStatus.class,
            Condition.class,
            CommitStatusReport.class,
            LastEvent.class,
            RunPhase.class,
            StepPhase.class,
            ConditionStatus.class,
            GitProvider.class);
  }
}
