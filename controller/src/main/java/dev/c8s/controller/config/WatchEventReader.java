package dev.c8s.controller.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserSequence;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.WatchEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/**
 * Reads a watch event in one pass, the way the API server writes it: its object starts with {@code
 * kind} and {@code apiVersion}, which name the class to read the rest into (decision 0084).
 *
 * <p>fabric8 reads each event's object into a tree first, to find those two fields anywhere, and
 * then the tree into the object. Anything else than the usual shape (fields in another order, a
 * kind not registered, a field it does not know) gives null, and the caller reads the event
 * fabric8's way.
 */
final class WatchEventReader {
  private final ObjectMapper mapper;
  private final BiFunction<String, String, Class<? extends KubernetesResource>> registered;

  WatchEventReader(
      ObjectMapper mapper,
      BiFunction<String, String, Class<? extends KubernetesResource>> registered) {
    this.mapper = mapper;
    this.registered = registered;
  }

  /** The event in {@code text}, or null when it is not in the usual shape. */
  WatchEvent read(String text) throws IOException {
    // From bytes, as fabric8 reads it: the bytes parser has the bounded table of field names.
    try (JsonParser parser = mapper.createParser(text.getBytes(StandardCharsets.UTF_8))) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      WatchEvent event = new WatchEvent();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
          event.setType(parser.getText());
        } else if ("object".equals(field) && value == JsonToken.START_OBJECT) {
          KubernetesResource object = object(parser);
          if (object == null) {
            return null;
          }
          event.setObject(object);
        } else {
          return null;
        }
      }
      return parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null
          ? event
          : null;
    }
  }

  /** The object whose START_OBJECT {@code parser} is at, or null if its head is not the usual. */
  private KubernetesResource object(JsonParser parser) throws IOException {
    TokenBuffer head = new TokenBuffer(parser);
    head.writeStartObject();
    String kind = null;
    String apiVersion = null;
    while (kind == null || apiVersion == null) {
      if (parser.nextToken() != JsonToken.FIELD_NAME) {
        return null;
      }
      String field = parser.currentName();
      if (parser.nextToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      if ("kind".equals(field) && kind == null) {
        kind = parser.getText();
      } else if ("apiVersion".equals(field) && apiVersion == null) {
        apiVersion = parser.getText();
      } else {
        return null;
      }
      head.writeFieldName(field);
      head.writeString(parser.getText());
    }
    Class<? extends KubernetesResource> type = registered.apply(apiVersion, kind);
    if (type == null) {
      return null;
    }
    // The two fields already read, then the rest of the object straight from the text.
    JsonParser rest = JsonParserSequence.createFlattened(false, head.asParser(parser), parser);
    return mapper.readerFor(type).readValue(rest);
  }
}
