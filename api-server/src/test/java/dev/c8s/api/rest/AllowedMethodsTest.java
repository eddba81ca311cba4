package dev.c8s.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Allow header of a 405 names what the resource classes serve at that path. */
class AllowedMethodsTest {

  @Test
  void methodsOfEachPathComeFromTheResourceClasses() {
    assertThat(AllowedMethods.of("/api/v1/namespaces/a/pipelineconfigs/web"))
        .containsExactly("DELETE", "GET", "HEAD", "OPTIONS", "PUT");
    assertThat(AllowedMethods.of("api/v1/namespaces/a/pipelineruns/r/cancel"))
        .containsExactly("OPTIONS", "POST");
    assertThat(AllowedMethods.of("/api/v1/namespaces/a/pipelineruns/r/steps/s/artifacts/d/f.bin"))
        .containsExactly("GET", "HEAD", "OPTIONS");
  }

  @Test
  void unknownPathHasNone() {
    assertThat(AllowedMethods.of("/api/v1/namespaces/a/widgets")).isEmpty();
  }
}
