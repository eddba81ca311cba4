package dev.c8s.api.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.api.testing.Archives;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading artifact archives as streams: entries, one file's bytes, long names. */
class ArtifactArchiveTest {
  private final byte[] archive;

  ArtifactArchiveTest() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("a.txt", bytes("first"));
    files.put("deep/" + "x".repeat(150) + "/b.txt", bytes("second"));
    archive = Archives.tarGz(files);
  }

  @Test
  void listsFilesWithoutTheLeadingDotSlashOrDirectories() throws IOException {
    assertThat(ArtifactArchive.list(new ByteArrayInputStream(archive)))
        .containsExactly(
            new ArtifactArchive.Entry("a.txt", 5),
            new ArtifactArchive.Entry("deep/" + "x".repeat(150) + "/b.txt", 6));
  }

  @Test
  void findPositionsTheStreamAtTheFileOnly() throws IOException {
    var found = ArtifactArchive.find(new ByteArrayInputStream(archive), "./a.txt").orElseThrow();
    try (var in = found.content()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first");
    }
    assertThat(ArtifactArchive.find(new ByteArrayInputStream(archive), "c.txt")).isEmpty();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
