package dev.c8s.testing.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The image names live in scripts/node/images.env and in NodeImages: they must agree. */
class NodeImagesTest {
  @Test
  void javaConstantsNameTheImagesPrepareShBuilds() throws IOException {
    Map<String, String> env =
        Files.readAllLines(NodeLayout.repositoryRoot().resolve("scripts/node/images.env")).stream()
            .filter(l -> l.matches("[A-Z_]+=.*"))
            .collect(Collectors.toMap(l -> l.split("=", 2)[0], l -> l.split("=", 2)[1]));

    assertThat(env)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "PAUSE_IMAGE", NodeImages.PAUSE,
                "STEP_IMAGE", NodeImages.STEP,
                "HELPER_IMAGE", NodeImages.HELPER));
  }

  @Test
  void imageNamesAreFullyQualifiedSoContainerdNeverLooksThemUpOnDockerHub() {
    assertThat(NodeImages.ALL).allMatch(name -> name.startsWith("c8s.local/"));
  }
}
