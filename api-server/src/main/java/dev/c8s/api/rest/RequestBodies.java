package dev.c8s.api.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.c8s.api.problem.ApiException;
import dev.c8s.model.validation.ValidationError;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Reads JSON request bodies strictly: malformed is a 400, a bad or unknown field a 422. */
@ApplicationScoped
public class RequestBodies {
  // Unknown fields are refused, as kubectl --validate=strict does, so that a typo such as dependOn
  // is reported instead of silently dropped.

  private final ObjectMapper mapper;

  RequestBodies(ObjectMapper mapper) {
    this.mapper =
        mapper
            .copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // No silent conversions between JSON types: "name": false is a wrong type, not "false".
    for (LogicalType type :
        List.of(LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer)) {
      for (CoercionInputShape shape :
          List.of(
              CoercionInputShape.Boolean,
              CoercionInputShape.Integer,
              CoercionInputShape.Float,
              CoercionInputShape.String)) {
        this.mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
      }
    }
  }

  /** The body as a {@code type}, or an {@link ApiException} describing what is wrong with it. */
  public <T> T read(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("a JSON request body is required");
    }
    // Syntax first, so that a truncated document is a 400 however far the binding got.
    JsonNode tree;
    try {
      tree = mapper.readTree(body);
    } catch (JsonParseException e) {
      throw ApiException.badRequest("malformed JSON: " + location(e));
    } catch (JacksonException e) {
      throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    ObjectReader reader = mapper.readerFor(type);
    T value;
    try {
      value = reader.readValue(tree);
    } catch (UnrecognizedPropertyException e) {
      throw invalid(
          new ValidationError(
              path(e),
              "unknown field \"" + e.getPropertyName() + "\"; check its spelling",
              null,
              null));
    } catch (InvalidFormatException e) {
      throw invalid(
          new ValidationError(
              path(e),
              "invalid value; expected " + expected(e.getTargetType()),
              expected(e.getTargetType()),
              String.valueOf(e.getValue())));
    } catch (MismatchedInputException e) {
      if (e.getPath().isEmpty()) {
        throw ApiException.badRequest(
            "the request body must be a JSON object: " + e.getOriginalMessage());
      }
      throw invalid(
          new ValidationError(
              path(e),
              "wrong type; expected " + expected(e.getTargetType()),
              expected(e.getTargetType()),
              null));
    } catch (JsonMappingException e) {
      throw invalid(new ValidationError(path(e), e.getOriginalMessage(), null, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return value;
  }

  private static ApiException invalid(ValidationError error) {
    return ApiException.invalid("the request body is invalid", List.of(error));
  }

  private static String location(JsonParseException e) {
    var where = e.getLocation();
    return e.getOriginalMessage()
        + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr())
        + (where == null ? "" : ")");
  }

  /** A field path in the validators' style: {@code spec.steps[0].timeout}. */
  static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "a value of another type";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(c -> enumName((Enum<?>) c))
              .collect(Collectors.joining(", "));
    }
    if (type == String.class) {
      return "string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "boolean";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "number";
    }
    if (List.class.isAssignableFrom(type)) {
      return "array";
    }
    if (type == java.time.Instant.class) {
      return "RFC 3339 date-time";
    }
    return "object";
  }

  private static String enumName(Enum<?> constant) {
    try {
      var annotation =
          constant
              .getDeclaringClass()
              .getField(constant.name())
              .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
      return annotation != null ? annotation.value() : constant.name();
    } catch (NoSuchFieldException e) {
      return constant.name();
    }
  }
}
