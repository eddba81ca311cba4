package dev.c8s.api.problem;

import dev.c8s.model.validation.ValidationError;
import java.util.List;
import java.util.Map;

/** A failure that becomes a problem response with this status, detail and validation errors. */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient List<ValidationError> errors;
  private final transient Map<String, String> headers;

  public ApiException(int status, String detail) {
    this(status, detail, null, Map.of());
  }

  public ApiException(
      int status, String detail, List<ValidationError> errors, Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.errors = errors == null ? null : List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  /** 400: the request cannot be understood. */
  public static ApiException badRequest(String detail) {
    return new ApiException(400, detail);
  }

  /** 404: the object (or step, log, artifact) does not exist. */
  public static ApiException notFound(String detail) {
    return new ApiException(404, detail);
  }

  /** 409: the request conflicts with the object's current state. */
  public static ApiException conflict(String detail) {
    return new ApiException(409, detail);
  }

  /** 422: the request is well-formed but these fields are invalid. */
  public static ApiException invalid(String detail, List<ValidationError> errors) {
    return new ApiException(422, detail, errors, Map.of());
  }

  public int status() {
    return status;
  }

  public List<ValidationError> errors() {
    return errors;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
