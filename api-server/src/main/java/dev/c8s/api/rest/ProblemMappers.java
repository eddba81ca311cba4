package dev.c8s.api.rest;

import dev.c8s.api.problem.ApiException;
import dev.c8s.api.problem.Problems;
import dev.c8s.model.validation.ValidationError;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an RFC 9457 problem+json response; nothing leaks a stack trace. */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public jakarta.ws.rs.core.Response api(ApiException e, UriInfo uri) {
    return Problems.response(e.status(), e.getMessage(), path(uri), e.errors(), e.headers());
  }

  /**
   * Kubernetes answers keep their meaning (404, 409, 422 with the causes as field errors, 400,
   * 410); a refusal of the api-server's own rights is a deployment fault, so a 500.
   */
  @ServerExceptionMapper
  public jakarta.ws.rs.core.Response kubernetes(KubernetesClientException e, UriInfo uri) {
    Status status = e.getStatus();
    String message = status != null && status.getMessage() != null ? status.getMessage() : null;
    int code = e.getCode();
    return switch (code) {
      case 400, 404, 409, 410 ->
          Problems.response(code, message(message, e), path(uri), null, Map.of());
      case 422 -> Problems.response(422, message(message, e), path(uri), causes(status), Map.of());
      case 401, 403 -> {
        LOG.errorf("the api-server's service account was refused by Kubernetes: %s", message);
        yield Problems.response(
            500,
            "the api-server lacks a Kubernetes permission it needs; ask an administrator to check"
                + " its RBAC (see the server log)",
            path(uri),
            null,
            Map.of());
      }
      default -> {
        LOG.errorf(e, "Kubernetes API call failed");
        yield Problems.response(
            code >= 500 && code < 600 ? 502 : 503,
            "the Kubernetes API server could not be reached or failed; try again",
            path(uri),
            null,
            Map.of());
      }
    };
  }

  /** Routing and media-type failures of JAX-RS itself: 404, 405, 406, 415 and friends. */
  @ServerExceptionMapper
  public jakarta.ws.rs.core.Response web(WebApplicationException e, UriInfo uri) {
    int code = e.getResponse().getStatus();
    String detail =
        switch (code) {
          case 404 -> "no such resource: " + path(uri);
          case 405 -> "method not allowed on " + path(uri);
          case 406 -> "none of the accepted media types can be produced; accept application/json";
          case 415 -> "unsupported content type; send application/json";
          default -> e.getMessage();
        };
    Map<String, String> headers = Map.of();
    if (code == 405) {
      // RFC 9110: a 405 lists the methods the resource supports.
      var allowed = AllowedMethods.of(uri.getPath());
      if (!allowed.isEmpty()) {
        headers = Map.of("Allow", String.join(", ", allowed));
      }
    }
    return Problems.response(code, detail, path(uri), null, headers);
  }

  @ServerExceptionMapper
  public jakarta.ws.rs.core.Response unexpected(RuntimeException e, UriInfo uri) {
    LOG.errorf(e, "unexpected failure serving %s", path(uri));
    return Problems.response(
        500, "unexpected server error; see the api-server log", path(uri), null, Map.of());
  }

  private static String message(String message, KubernetesClientException e) {
    return message != null ? message : e.getMessage();
  }

  private static List<ValidationError> causes(Status status) {
    if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
      return List.of();
    }
    return status.getDetails().getCauses().stream().map(ProblemMappers::error).toList();
  }

  private static ValidationError error(StatusCause cause) {
    String field = cause.getField() == null ? "" : cause.getField();
    return new ValidationError(field, cause.getMessage(), null, null);
  }

  private static String path(UriInfo uri) {
    return uri == null ? null : uri.getRequestUri().getPath();
  }
}
