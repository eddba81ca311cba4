package dev.c8s.model.validation;

import java.util.List;
import java.util.stream.Stream;

/** Everything validation found: errors reject the object, warnings are advice that lets it pass. */
public record ValidationResult(List<ValidationError> errors, List<ValidationError> warnings) {

  public ValidationResult {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  /** Whether the object may be accepted (warnings do not count). */
  public boolean isValid() {
    return errors.isEmpty();
  }

  /** Both results' errors and warnings together. */
  public ValidationResult and(ValidationResult other) {
    return new ValidationResult(concat(errors, other.errors), concat(warnings, other.warnings));
  }

  private static List<ValidationError> concat(List<ValidationError> a, List<ValidationError> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
