package dev.c8s.webhook.admission;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.c8s.model.validation.ValidationError;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/** Reads the object of an AdmissionReview into a c8s class, naming the field that does not fit. */
final class AdmissionObjects {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private AdmissionObjects() {}

  /** The object, or the error that says which field could not be read and why. */
  record Read<T>(T object, ValidationError error) {}

  static <T> Read<T> read(JsonNode node, Class<T> type) {
    try {
      return new Read<>(JSON.convertValue(node, type), null);
    } catch (IllegalArgumentException e) {
      Throwable cause = e;
      while (cause != null && !(cause instanceof JsonMappingException)) {
        cause = cause.getCause();
      }
      if (cause instanceof JsonMappingException mapping) {
        return new Read<>(null, describe(mapping, type));
      }
      return new Read<>(
          null,
          ValidationError.of(
              "", "the " + type.getSimpleName() + " cannot be read: " + e.getMessage()));
    }
  }

  private static ValidationError describe(JsonMappingException e, Class<?> type) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    String field = path.isEmpty() ? "(object)" : path.toString();
    if (e instanceof InvalidFormatException format && format.getTargetType().isEnum()) {
      String allowed =
          Arrays.stream(format.getTargetType().getEnumConstants())
              .map(AdmissionObjects::jsonName)
              .collect(Collectors.joining(", "));
      return new ValidationError(
          field,
          "value \"" + format.getValue() + "\" is not one of " + allowed,
          "one of " + allowed,
          String.valueOf(format.getValue()));
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      String expected = expected(mismatch.getTargetType());
      return new ValidationError(field, "has the wrong type: expected " + expected, expected, null);
    }
    return new ValidationError(
        field,
        "cannot be read as part of a "
            + type.getSimpleName()
            + ": "
            + e.getOriginalMessage().replaceAll("\\s+", " "),
        null,
        null);
  }

  private static String expected(Class<?> target) {
    if (target == String.class) {
      return "a string";
    }
    if (Number.class.isAssignableFrom(target)
        || (target.isPrimitive() && target != boolean.class)) {
      return "a number";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "a list";
    }
    if (Instant.class.isAssignableFrom(target)) {
      return "a date-time such as 2025-10-12T10:30:00Z";
    }
    return "an object";
  }

  /** The JSON spelling of an enum constant (its {@code @JsonProperty}, else its name). */
  private static String jsonName(Object constant) {
    return JSON.convertValue(constant, String.class);
  }
}
