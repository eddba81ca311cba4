package dev.c8s.api.problem;

import dev.c8s.model.validation.ValidationError;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Builds problem+json responses; the type URIs name the kind of problem by status. */
public final class Problems {
  private static final String TYPE_BASE = "https://c8s.dev/problems/";

  private Problems() {}

  /** A problem response with the standard title of {@code status}. */
  public static Response response(
      int status,
      String detail,
      String instance,
      List<ValidationError> errors,
      Map<String, String> headers) {
    Problem problem = new Problem(type(status), title(status), status, detail, instance, errors);
    Response.ResponseBuilder builder =
        Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
    headers.forEach(builder::header);
    return builder.build();
  }

  /** The type URI of a status, for example {@code https://c8s.dev/problems/not-found}. */
  public static String type(int status) {
    return TYPE_BASE + title(status).toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
  }

  /** A short, status-specific title. */
  public static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Client Error";
    };
  }
}
