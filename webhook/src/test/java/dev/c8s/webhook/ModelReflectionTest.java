package dev.c8s.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.testing.ModelTypes;
import dev.c8s.webhook.delivery.DeliveryAnswer;
import dev.c8s.webhook.delivery.RunRef;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What a native webhook needs registered for reflection is registered. */
class ModelReflectionTest {
  @Test
  void everyCustomResourceWithItsSpecStatusAndWhatTheyReachIsRegistered() {
    RegisterForReflection registration =
        ModelReflection.class.getAnnotation(RegisterForReflection.class);

    assertThat(registration.registerFullHierarchy()).isTrue();
    assertThat(Arrays.asList(registration.targets()))
        .containsAll(ModelTypes.customResourcesWithSpecAndStatus());
  }

  @Test
  void theDeliveryAnswersAreRegistered() {
    // Written with an ObjectMapper, not returned from a REST method: Quarkus cannot see them.
    assertThat(ModelReflection.class.getAnnotation(RegisterForReflection.class).targets())
        .contains(DeliveryAnswer.class, RunRef.class);
  }
}
