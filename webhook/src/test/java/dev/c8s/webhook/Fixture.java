package dev.c8s.webhook;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A provider's example payload from {@code payloads/}, adjusted for one test. */
public final class Fixture {
  private static final ObjectMapper JSON = new ObjectMapper();
  private String text;
  private final Map<String, Object> changes = new LinkedHashMap<>();

  private Fixture(String text) {
    this.text = text;
  }

  /** The fixture {@code payloads/<name>} as published in the provider's documentation. */
  public static Fixture of(String name) {
    try (InputStream in = Fixture.class.getResourceAsStream("/payloads/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no payload fixture " + name);
      }
      return new Fixture(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every occurrence of {@code from} (such as the example's repository path) becomes {@code to}.
   */
  public Fixture replace(String from, String to) {
    text = text.replace(from, to);
    return this;
  }

  /** Sets the value at a JSON pointer such as {@code /push/changes/0/new/name}; null removes. */
  public Fixture set(String pointer, Object value) {
    changes.put(pointer, value);
    return this;
  }

  /** The payload as the provider would send it. */
  public byte[] bytes() {
    if (changes.isEmpty()) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    try {
      JsonNode root = JSON.readTree(text);
      changes.forEach(
          (pointer, value) -> {
            JsonPointer at = JsonPointer.compile(pointer);
            JsonNode parent = root.at(at.head());
            if (parent instanceof ArrayNode array) {
              int index = at.last().getMatchingIndex();
              if (value == null) {
                array.remove(index);
              } else {
                array.set(index, JSON.valueToTree(value));
              }
            } else if (value == null) {
              ((ObjectNode) parent).remove(at.last().getMatchingProperty());
            } else {
              ((ObjectNode) parent).set(at.last().getMatchingProperty(), JSON.valueToTree(value));
            }
          });
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
