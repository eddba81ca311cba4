package dev.c8s.webhook;

import dev.c8s.webhook.delivery.DeliveryAnswer;
import dev.c8s.webhook.delivery.RunRef;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The webhook's JSON classes that nothing else registers for reflection in a native image: the
 * receivers' answers, which {@code WebhookRoutes} writes with an {@code ObjectMapper} from a Vert.x
 * route, where Quarkus REST's return-type scan cannot see them.
 *
 * <p>The custom resources and every model type they reach are registered by the kubernetes-client
 * extension (decision 0059). {@code NativeReflectionIT} checks both in the reflection configuration
 * of the webhook's native sources.
 */
@RegisterForReflection(targets = {DeliveryAnswer.class, RunRef.class})
final class ModelReflection {
  private ModelReflection() {}
}
