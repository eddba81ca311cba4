package dev.c8s.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;

/**
 * A JSON log file as the services write it in tests ({@code %test.quarkus.log.file.json}): one
 * object per line, per-request fields under {@code mdc}.
 */
public final class JsonLogFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLogFile() {}

  /** Every complete line of {@code file} as JSON; none while it does not exist yet. */
  public static List<JsonNode> lines(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<JsonNode> lines = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("{") && line.endsWith("}")) {
          lines.add(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  /**
   * Waits up to 10 s for the first line whose {@code mdc.<field>} is {@code value} and whose
   * message contains {@code text}.
   */
  public static JsonNode awaitLine(Path file, String field, String value, String text) {
    return Awaitility.await("a JSON log line with mdc." + field + "=" + value + " and " + text)
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                lines(file).stream()
                    .filter(l -> value.equals(l.path("mdc").path(field).asText()))
                    .filter(l -> l.path("message").asText().contains(text))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }
}
