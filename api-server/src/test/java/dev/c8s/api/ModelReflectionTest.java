package dev.c8s.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.validation.ValidationError;
import dev.c8s.testing.ModelTypes;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What a native api-server needs registered for reflection is registered. */
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
  void validationErrorsInsideProblemBodiesAreRegistered() {
    // problem+json bodies are Response entities, a type Quarkus REST cannot see at build time.
    assertThat(ModelReflection.class.getAnnotation(RegisterForReflection.class).targets())
        .contains(ValidationError.class);
  }
}
