package dev.c8s.model.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects errors and warnings while a validator walks an object; never stops at the first. */
public final class Problems {
  private final List<ValidationError> errors = new ArrayList<>();
  private final List<ValidationError> warnings = new ArrayList<>();

  /** Records an error at {@code field}. */
  public Problems error(String field, String message) {
    errors.add(ValidationError.of(field, message));
    return this;
  }

  /** Records an error at {@code field} with the expected form and the value found. */
  public Problems error(String field, String message, String expectedType, Object actual) {
    errors.add(
        new ValidationError(
            field, message, expectedType, actual == null ? null : actual.toString()));
    return this;
  }

  /** Records a warning at {@code field}; warnings never reject an object. */
  public Problems warn(String field, String message) {
    warnings.add(ValidationError.of(field, message));
    return this;
  }

  /** Everything collected so far. */
  public ValidationResult result() {
    return new ValidationResult(errors, warnings);
  }
}
