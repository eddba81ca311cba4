package dev.c8s.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.testing.ModelTypes;
import dev.c8s.testing.NativeReflectionConfig;
import org.junit.jupiter.api.Test;

/**
 * What a native controller can (de)serialise, read from the reflection configuration Quarkus
 * generated for its native sources (target/native-sources, written before the ITs). The controller
 * registers nothing itself: the kubernetes-client extension, which quarkus-operator-sdk brings,
 * registers the custom resources with everything they reach.
 */
class NativeReflectionIT {

  @Test
  void everyModelTypeTheCustomResourcesReachIsRegisteredForReflection() {
    assertThat(NativeReflectionConfig.ofThisModule().fullyReflectiveClasses())
        .containsAll(
            ModelTypes.reachableFromCustomResources().stream().map(Class::getName).toList());
  }
}
