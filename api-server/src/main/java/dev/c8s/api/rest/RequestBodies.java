package dev.c8s.api.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.api.problem.ApiException;
import dev.c8s.model.validation.StrictBinding;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads JSON request bodies strictly: malformed is a 400, a bad or unknown field a 422. */
@ApplicationScoped
public class RequestBodies {
  private final StrictBinding binding;

  RequestBodies(ObjectMapper mapper) {
    this.binding = new StrictBinding(mapper);
  }

  /** The body as a {@code type}, or an {@link ApiException} describing what is wrong with it. */
  public <T> T read(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("a JSON request body is required");
    }
    // Syntax first, so that a truncated document is a 400 however far the binding got.
    JsonNode tree;
    try {
      tree = binding.mapper().readTree(body);
    } catch (JsonParseException e) {
      throw ApiException.badRequest("malformed JSON: " + location(e));
    } catch (JacksonException e) {
      throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    return switch (binding.bind(tree, type)) {
      case StrictBinding.Bound<T> bound -> bound.value();
      case StrictBinding.Invalid<T> invalid ->
          throw ApiException.invalid("the request body is invalid", List.of(invalid.error()));
      case StrictBinding.NotAnObject<T> not ->
          throw ApiException.badRequest("the request body must be a JSON object: " + not.message());
    };
  }

  private static String location(JsonParseException e) {
    var where = e.getLocation();
    return e.getOriginalMessage()
        + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr())
        + (where == null ? "" : ")");
  }
}
