package dev.c8s.api.auth;

import dev.c8s.api.problem.Problems;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Authenticates every REST operation's bearer token (401) and checks the caller's RBAC (403). */
public class AuthFilters {
  // Health, metrics and the OpenAPI document are not REST operations and stay open; RequestChecks
  // (400) runs between the two filters.

  private static final String BEARER = "bearer ";

  private final AuthSettings settings;
  private final TokenReviews tokens;
  private final AccessReviews access;

  AuthFilters(AuthSettings settings, TokenReviews tokens, AccessReviews access) {
    this.settings = settings;
    this.tokens = tokens;
    this.access = access;
  }

  /** 401 unless the request carries a bearer token the Kubernetes API server accepts. */
  @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
  public Optional<Response> authenticate(ContainerRequestContext request) {
    if (settings.disabled()) {
      request.setProperty(Caller.PROPERTY, Caller.DEV_MODE);
      return Optional.empty();
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      return Optional.of(
          unauthorized(
              request,
              "no credentials: send the header Authorization: Bearer <token> with a Kubernetes"
                  + " token (for example kubectl create token <service-account>)",
              "Bearer realm=\"c8s\""));
    }
    if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)
        || header.substring(BEARER.length()).isBlank()) {
      return Optional.of(
          unauthorized(
              request,
              "the Authorization header is not a bearer token; send Authorization: Bearer <token>",
              "Bearer realm=\"c8s\", error=\"invalid_request\""));
    }
    Optional<Caller> caller = tokens.authenticate(header.substring(BEARER.length()).trim());
    if (caller.isEmpty()) {
      return Optional.of(
          unauthorized(
              request,
              "the bearer token was not accepted by the Kubernetes API server (expired, revoked or"
                  + " not a token of this cluster)",
              "Bearer realm=\"c8s\", error=\"invalid_token\""));
    }
    request.setProperty(Caller.PROPERTY, caller.get());
    return Optional.empty();
  }

  /** 403 unless Kubernetes RBAC grants the caller the operation's permission. */
  @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
  public Optional<Response> authorize(ContainerRequestContext request, ResourceInfo resource) {
    if (settings.disabled()) {
      return Optional.empty();
    }
    RequiresAccess rule =
        resource.getResourceMethod() == null
            ? null
            : resource.getResourceMethod().getAnnotation(RequiresAccess.class);
    if (rule == null) {
      // Fail closed: an operation without a declared permission is a programming error.
      return Optional.of(
          Problems.response(
              403,
              "this operation declares no permission and is refused",
              request.getUriInfo().getRequestUri().getPath(),
              null,
              Map.of()));
    }
    var params = request.getUriInfo().getPathParameters();
    String namespace = params.getFirst("namespace");
    String name = rule.nameParam().isEmpty() ? "" : params.getFirst(rule.nameParam());
    Access wanted =
        new Access(
            rule.verb(),
            rule.resource(),
            rule.subresource(),
            namespace == null ? "" : namespace,
            name == null ? "" : name);
    Caller caller = (Caller) request.getProperty(Caller.PROPERTY);
    AccessReviews.Decision decision = access.permits(caller, wanted);
    if (decision.allowed()) {
      return Optional.empty();
    }
    String detail = wanted.denial(caller.username());
    if (!decision.reason().isEmpty()) {
      detail += " (" + decision.reason() + ")";
    }
    return Optional.of(
        Problems.response(
            403, detail, request.getUriInfo().getRequestUri().getPath(), null, Map.of()));
  }

  private static Response unauthorized(
      ContainerRequestContext request, String detail, String challenge) {
    return Problems.response(
        401,
        detail,
        request.getUriInfo().getRequestUri().getPath(),
        null,
        Map.of(HttpHeaders.WWW_AUTHENTICATE, challenge));
  }
}
