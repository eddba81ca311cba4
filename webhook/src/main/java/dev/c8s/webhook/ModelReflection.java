package dev.c8s.webhook;

import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineConfigStatus;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import dev.c8s.model.v1alpha1.RepositoryConnectionStatus;
import dev.c8s.webhook.delivery.DeliveryAnswer;
import dev.c8s.webhook.delivery.RunRef;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The model classes the webhook reads and writes as JSON, registered for reflection so that a
 * native image can (de)serialise them.
 *
 * <p>Where the kubernetes-client extension is present it already registers every {@code
 * CustomResource} subclass of the Jandex index with its spec and status types (common-model ships
 * an index); naming them here keeps the native image from depending on that scan. {@code
 * registerFullHierarchy} adds the types they reach: steps, matrix, conditions, step statuses, the
 * run's pipeline snapshot. docs/images.md ("Native readiness") says what is and is not verified.
 */
@RegisterForReflection(
    targets = {
      PipelineConfig.class,
      PipelineConfigSpec.class,
      PipelineConfigStatus.class,
      PipelineRun.class,
      PipelineRunSpec.class,
      PipelineRunStatus.class,
      RepositoryConnection.class,
      RepositoryConnectionSpec.class,
      RepositoryConnectionStatus.class,
      // The receivers' answers, written by a private ObjectMapper Quarkus cannot see (decision
      // 0041).
      DeliveryAnswer.class,
      RunRef.class
    },
    registerFullHierarchy = true)
final class ModelReflection {
  private ModelReflection() {}
}
