package dev.c8s.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The documents of a YAML or JSON manifest ({@code ---} separates several), as trees. */
final class ManifestDocuments {
  private static final YAMLMapper YAML = new YAMLMapper();

  private ManifestDocuments() {}

  /**
   * Every non-empty document of {@code in}.
   *
   * @throws IOException when it is not YAML or JSON, saying where
   */
  static List<JsonNode> read(InputStream in) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(in)) {
      while (it.hasNextValue()) {
        JsonNode document = it.nextValue();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
    }
    return documents;
  }
}
