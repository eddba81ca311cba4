package dev.c8s.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.testing.ModelTypes;
import dev.c8s.testing.NativeReflectionConfig;
import dev.c8s.webhook.delivery.DeliveryAnswer;
import dev.c8s.webhook.delivery.RunRef;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a native webhook can (de)serialise, read from the reflection configuration Quarkus generated
 * for its native sources (target/native-sources, written before the ITs).
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
  void theAnswersTheReceiversWriteAreRegisteredForReflection() {
    assertThat(REGISTERED).contains(DeliveryAnswer.class.getName(), RunRef.class.getName());
  }
}
