package dev.c8s.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.api.problem.Problem;
import dev.c8s.model.validation.ValidationError;
import dev.c8s.testing.ModelTypes;
import dev.c8s.testing.NativeReflectionConfig;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a native api-server can (de)serialise, read from the reflection configuration Quarkus
 * generated for its native sources (target/native-sources, written before the ITs).
 */
class NativeReflectionIT {
  private static final Set<String> REGISTERED =
      NativeReflectionConfig.ofThisModule().fullyReflectiveClasses();

  @Test
  void everyModelTypeTheCustomResourcesReachIsRegisteredForReflection() {
    assertThat(REGISTERED)
        .containsAll(
            ModelTypes.reachableFromCustomResources().stream().map(Class::getName).toList());
  }

  @Test
  void problemBodiesWithTheirValidationErrorsAreRegisteredForReflection() {
    assertThat(REGISTERED).contains(Problem.class.getName(), ValidationError.class.getName());
  }

  @Test
  void theContinueTokenCursorIsRegisteredForReflection() {
    assertThat(REGISTERED).contains("dev.c8s.api.kube.ScanCursor");
  }

  @Test
  void theMcpToolsAnswersAreRegisteredForReflection() {
    assertThat(REGISTERED)
        .contains(
            "dev.c8s.api.mcp.RunViews$RunSummary",
            "dev.c8s.api.mcp.RunViews$RunDetail",
            "dev.c8s.api.mcp.RunViews$StepView",
            "dev.c8s.api.mcp.RunViews$ConditionView",
            "dev.c8s.api.mcp.FailureExplanation",
            "dev.c8s.api.mcp.FailureExplanation$FailedStep",
            "dev.c8s.api.mcp.LogTools$LogExcerpt");
  }
}
