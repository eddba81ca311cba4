package dev.c8s.webhook.admission;

import dev.c8s.model.validation.ValidationError;
import dev.c8s.model.validation.ValidationResult;
import java.util.List;
import java.util.stream.Collectors;

/** Whether an object is admitted; if not, the status code, reason and every error. */
public record AdmissionDecision(
    boolean allowed,
    int code,
    String reason,
    List<ValidationError> errors,
    List<ValidationError> warnings) {

  // code: 422 for an invalid object, 500 when the cluster could not be read; reason: the Kubernetes
  // status reason (Invalid, InternalError); warnings are advice that lets the object pass.
  /** Admitted with no advice. */
  public static AdmissionDecision allow() {
    return new AdmissionDecision(true, 200, null, List.of(), List.of());
  }

  /** Admitted when {@code result} holds no errors, else refused as Invalid (422). */
  public static AdmissionDecision of(ValidationResult result) {
    return result.isValid()
        ? new AdmissionDecision(true, 200, null, List.of(), result.warnings())
        : new AdmissionDecision(false, 422, "Invalid", result.errors(), result.warnings());
  }

  /** Refused because the cluster rules could not be checked. */
  public static AdmissionDecision unavailable(String why) {
    return new AdmissionDecision(
        false, 500, "InternalError", List.of(ValidationError.of("", why)), List.of());
  }

  /** Every error as {@code field: message}, joined for the status message. */
  public String message() {
    return errors.stream().map(AdmissionDecision::line).collect(Collectors.joining("; "));
  }

  /** The warnings as Kubernetes shows them, one {@code field: message} each. */
  public List<String> warningLines() {
    return warnings.stream().map(AdmissionDecision::line).toList();
  }

  private static String line(ValidationError error) {
    return error.field() == null || error.field().isEmpty()
        ? error.message()
        : error.field() + ": " + error.message();
  }
}
