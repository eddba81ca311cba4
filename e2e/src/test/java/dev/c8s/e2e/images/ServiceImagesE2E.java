package dev.c8s.e2e.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three service images built without Docker have the Dockerfiles' properties and stay under
 * seed 002's 500 MB; their sizes are written to target/image-sizes.txt for docs/images.md.
 */
class ServiceImagesE2E {
  /** Seed 002: every image under 500 MB. */
  static final long LIMIT_BYTES = 500L * 1000 * 1000;

  private static final String SEMVER = "\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?";
  private static List<ServiceImage> images;

  @BeforeAll
  static void readImages() throws Exception {
    images = ServiceImage.listed(Path.of(System.getProperty("c8s.images.manifest")));
    Files.writeString(
        Path.of("target/image-sizes.txt"),
        images.stream()
            .map(i -> "%s %d bytes (%d MiB)".formatted(i.name(), i.size(), i.size() >> 20))
            .collect(Collectors.joining("\n", "", "\n")));
  }

  @Test
  void everyServiceHasOneImageTaggedWithASemverNeverLatest() {
    assertThat(images)
        .extracting(ServiceImage::service)
        .containsExactlyInAnyOrder("controller", "api-server", "webhook");
    assertThat(images)
        .allSatisfy(
            image -> {
              assertThat(image.name()).matches("[a-z0-9./-]+/c8s-[a-z-]+:" + SEMVER);
              assertThat(image.manifest().get("RepoTags").get(0).asText())
                  .endsWith(image.name())
                  .doesNotEndWith(":latest");
            });
  }

  @Test
  void everyImageIsUnderFiveHundredMegabytes() {
    assertThat(images)
        .allSatisfy(
            image ->
                assertThat(image.size())
                    .as("%s: %d MiB", image.name(), image.size() >> 20)
                    .isLessThan(LIMIT_BYTES));
  }

  @Test
  void everyImageRunsItsServiceAsUid1001OnItsOwnJavaRuntime() {
    assertThat(images)
        .allSatisfy(
            image -> {
              JsonNode config = image.config().get("config");
              assertThat(config.get("User").asText()).isEqualTo("1001");
              assertThat(config.get("Entrypoint").toString())
                  .contains("/opt/java/bin/java")
                  .contains("/deployments/quarkus-run.jar");
              assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
            });
    assertThat(images)
        .filteredOn(i -> i.service().equals("webhook"))
        .singleElement()
        .satisfies(
            i -> assertThat(i.config().get("config").get("ExposedPorts").has("8443/tcp")).isTrue());
  }

  @Test
  void everyImageCarriesTheOciLabels() {
    assertThat(images)
        .allSatisfy(
            image -> {
              JsonNode labels = image.config().get("config").get("Labels");
              String version = image.name().substring(image.name().lastIndexOf(':') + 1);
              assertThat(labels.get("org.opencontainers.image.title").asText())
                  .isEqualTo("c8s-" + image.service());
              assertThat(labels.get("org.opencontainers.image.version").asText())
                  .isEqualTo(version);
              assertThat(labels.get("org.opencontainers.image.revision").asText()).isNotBlank();
              assertThat(labels.get("org.opencontainers.image.vendor").asText()).isEqualTo("c8s");
              assertThat(labels.get("org.opencontainers.image.description").asText()).isNotBlank();
              assertThat(labels.get("org.opencontainers.image.base.name").asText())
                  .contains("debian");
            });
  }

  @Test
  void everyImageStartsWithAJvmAotCacheItsOwnRuntimeAccepts() throws Exception {
    // The build trains app.aot on JDK 25+ (the root pom's jvm-aot-cache profile); CI builds on 25.
    assertThat(Runtime.version().feature()).as("the build JDK").isGreaterThanOrEqualTo(25);
    for (ServiceImage image : images) {
      assertThat(image.config().get("config").get("Entrypoint").toString())
          .as(image.name())
          .contains("-XX:AOTCache=/deployments/app.aot");
      ImageContents contents = ImageContents.of(image.service()).orElseThrow();
      Path log = Path.of("target/aot-check-" + image.service() + ".log");
      // AOTMode=on refuses to start when the cache does not match the runtime (AOTMode=auto, the
      // image's, would start without it); quarkus.appcds.generate stops after static init.
      Process java =
          new ProcessBuilder(
                  contents.java().toString(),
                  "-XX:AOTCache=app.aot",
                  "-XX:AOTMode=on",
                  "-Dquarkus.appcds.generate=true",
                  "-jar",
                  "quarkus-run.jar")
              .directory(contents.jar().getParent().toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      assertThat(java.waitFor(2, TimeUnit.MINUTES)).as("%s exited", image.name()).isTrue();
      assertThat(java.exitValue())
          .as("%s on its own runtime with its AOT cache; see %s", image.name(), log)
          .isZero();
    }
  }
}
