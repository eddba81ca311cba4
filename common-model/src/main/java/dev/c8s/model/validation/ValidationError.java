package dev.c8s.model.validation;

/**
 * One problem with an object: where it is, what is wrong, and how to put it right.
 *
 * @param field path of the offending field, for example {@code spec.steps[2].dependsOn[0]}
 * @param message what is wrong and what to do about it, for a person to read
 * @param expectedType the expected type or form where that helps (for example {@code duration like
 *     30m}), else null
 * @param actualValue the value found, where it is safe and short enough to echo, else null
 */
public record ValidationError(
    String field, String message, String expectedType, String actualValue) {

  /** A problem without expected type or actual value. */
  public static ValidationError of(String field, String message) {
    return new ValidationError(field, message, null, null);
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
