package dev.c8s.model.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CRDs committed in the Helm chart are exactly what the build generates from the model. */
class CommittedCrdsMatchGeneratedTest {

  private static final String FIX =
      "The CRDs in charts/c8s/crds/ drifted from the model classes. Regenerate and commit them:"
          + " ./mvnw -pl common-model process-test-classes"
          + " && cp common-model/target/generated-crds/*.yml charts/c8s/crds/";

  @Test
  void chartHoldsTheSameCrdFilesAsTheBuildGenerates() throws IOException {
    assertThat(names(CrdFiles.committed())).as(FIX).isEqualTo(names(CrdFiles.generated()));
  }

  @Test
  void everyCommittedCrdIsByteForByteTheGeneratedOne() throws IOException {
    for (String name : names(CrdFiles.generated())) {
      assertThat(Files.readString(CrdFiles.committed().resolve(name)))
          .as(FIX + " (file " + name + ")")
          .isEqualTo(Files.readString(CrdFiles.generated().resolve(name)));
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
