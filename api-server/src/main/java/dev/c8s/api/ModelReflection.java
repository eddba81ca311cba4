package dev.c8s.api;

import dev.c8s.api.problem.Problem;
import dev.c8s.model.validation.ValidationError;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The api-server's JSON classes that nothing else registers for reflection in a native image.
 *
 * <ul>
 *   <li>{@link Problem} bodies, with their {@link ValidationError}s, leave as {@code Response}
 *       entities, a type Quarkus REST's return-type scan cannot see through.
 *   <li>The MCP tools' answers ({@code dev.c8s.api.mcp}), written as JSON text by the tools.
 *   <li>{@code ScanCursor} (package-private, hence by name) is the continue token, written and read
 *       by its own {@code ObjectMapper}.
 * </ul>
 *
 * <p>The custom resources and every model type they reach are registered by the kubernetes-client
 * extension (decision 0059). {@code NativeReflectionIT} checks both in the reflection configuration
 * of the api-server's native sources.
 */
@RegisterForReflection(
    targets = {Problem.class, ValidationError.class},
    classNames = {
      "dev.c8s.api.kube.ScanCursor",
      "dev.c8s.api.mcp.RunViews$RunSummary",
      "dev.c8s.api.mcp.RunViews$RunDetail",
      "dev.c8s.api.mcp.RunViews$StepView",
      "dev.c8s.api.mcp.RunViews$ConditionView",
      "dev.c8s.api.mcp.FailureExplanation",
      "dev.c8s.api.mcp.FailureExplanation$FailedStep",
      "dev.c8s.api.mcp.LogTools$LogExcerpt"
    })
final class ModelReflection {
  private ModelReflection() {}
}
