package dev.c8s.model.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Binds a JSON (or YAML) tree to a c8s type strictly, as {@code kubectl --validate=strict} does: an
 * unknown field (a typo such as {@code dependOn}) or a value of the wrong JSON type is an error at
 * its field path, never silently dropped or converted. Shared by the API server and the CLI.
 */
public final class StrictBinding {
  private final ObjectMapper mapper;

  /** Strict reading on top of {@code base}'s modules and settings. */
  public StrictBinding(ObjectMapper base) {
    this.mapper =
        base.copy()
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

  /** The mapper reading strictly, for parsing the tree itself. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** What binding a tree came to. */
  public sealed interface Outcome<T> {}

  /** The tree bound to {@code value}. */
  public record Bound<T>(T value) implements Outcome<T> {}

  /** A field of the tree is unknown or of the wrong type. */
  public record Invalid<T>(ValidationError error) implements Outcome<T> {}

  /** The tree is not an object of that type at all; {@code message} says what it is. */
  public record NotAnObject<T>(String message) implements Outcome<T> {}

  /** Binds {@code tree} to {@code type}. */
  public <T> Outcome<T> bind(JsonNode tree, Class<T> type) {
    if (tree == null || !tree.isObject()) {
      return new NotAnObject<>("expected a JSON object");
    }
    try {
      return new Bound<>(mapper.readerFor(type).readValue(tree));
    } catch (UnrecognizedPropertyException e) {
      return new Invalid<>(
          new ValidationError(
              path(e),
              "unknown field \"" + e.getPropertyName() + "\"; check its spelling",
              null,
              null));
    } catch (InvalidFormatException e) {
      return new Invalid<>(
          new ValidationError(
              path(e),
              "invalid value; expected " + expected(e.getTargetType()),
              expected(e.getTargetType()),
              String.valueOf(e.getValue())));
    } catch (MismatchedInputException e) {
      if (e.getPath().isEmpty()) {
        return new NotAnObject<>(e.getOriginalMessage());
      }
      return new Invalid<>(
          new ValidationError(
              path(e),
              "wrong type; expected " + expected(e.getTargetType()),
              expected(e.getTargetType()),
              null));
    } catch (JsonMappingException e) {
      return new Invalid<>(new ValidationError(path(e), e.getOriginalMessage(), null, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    if (type == Instant.class) {
      return "RFC 3339 date-time";
    }
    return "object";
  }

  private static String enumName(Enum<?> constant) {
    try {
      JsonProperty annotation =
          constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
      return annotation != null ? annotation.value() : constant.name();
    } catch (NoSuchFieldException e) {
      return constant.name();
    }
  }
}
