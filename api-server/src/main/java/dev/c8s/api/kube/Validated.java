package dev.c8s.api.kube;

import dev.c8s.api.problem.ApiException;
import dev.c8s.model.validation.ValidationError;
import dev.c8s.model.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;

/** A written object and the validators' warnings, which become Warning headers. */
public record Validated<T>(T object, List<ValidationError> warnings) {

  /** Throws a 422 listing every error of {@code envelope} and {@code result}, if any. */
  static void requireValid(List<ValidationError> envelope, ValidationResult result, String what) {
    List<ValidationError> errors = new ArrayList<>(envelope);
    errors.addAll(result.errors());
    if (!errors.isEmpty()) {
      throw ApiException.invalid(
          what + " is invalid: " + errors.size() + (errors.size() == 1 ? " problem" : " problems"),
          errors);
    }
  }
}
