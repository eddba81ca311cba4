package dev.c8s.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Where the generated and committed CRDs live, and a YAML reader for them and the seeds. */
final class CrdFiles {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private CrdFiles() {}

  static Path generated() {
    return Path.of(System.getProperty("c8s.generated-crds", "target/generated-crds"));
  }

  static Path committed() {
    return Path.of(System.getProperty("c8s.chart-crds", "../charts/c8s/crds"));
  }

  static String fileName(String plural) {
    return plural + ".c8s.dev-v1.yml";
  }

  static JsonNode read(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode seedResource(String name) {
    try (InputStream in = CrdFiles.class.getResourceAsStream("/seed-001/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource /seed-001/" + name);
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
