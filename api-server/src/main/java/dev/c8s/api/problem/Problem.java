package dev.c8s.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.c8s.model.validation.ValidationError;
import java.util.List;

/**
 * An RFC 9457 problem detail, with the field-level validation errors of a 422.
 *
 * @param type URI naming the kind of problem
 * @param title short summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what went wrong with this request, for a person to read
 * @param instance the request path the problem occurred at
 * @param errors the validation errors (422 only), else absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<ValidationError> errors) {

  /** The media type of problem responses. */
  public static final String MEDIA_TYPE = "application/problem+json";
}
