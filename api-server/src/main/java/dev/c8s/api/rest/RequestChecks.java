package dev.c8s.api.rest;

import dev.c8s.api.problem.Problems;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Rejects impossible names in the path and repeated or empty query parameters with 400. */
public class RequestChecks {
  // Runs after authentication and before authorisation. With a repeated parameter, which value
  // counts would otherwise be a guess.

  private static final Set<String> NOT_EMPTY =
      Set.of("limit", "follow", "presign", "phase", "pipelineConfig");
  static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 100)
  public Optional<Response> check(ContainerRequestContext request) {
    var params = request.getUriInfo().getPathParameters();
    String namespace = params.getFirst("namespace");
    String name = params.getFirst("name");
    String step = params.getFirst("step");
    String problem = null;
    if (namespace != null && !isLabel(namespace)) {
      problem =
          "namespace \""
              + namespace
              + "\" is not a valid namespace name (lowercase letters, digits and '-', at most 63)";
    } else if (name != null && !isName(name)) {
      problem =
          "\""
              + name
              + "\" is not a valid object name (lowercase letters, digits, '-' and '.', at most"
              + " 253)";
    } else if (step != null && !isLabel(step)) {
      problem =
          "\""
              + step
              + "\" is not a valid step name (lowercase letters, digits and '-', at most 63)";
    } else {
      problem =
          request.getUriInfo().getQueryParameters().entrySet().stream()
              .map(RequestChecks::queryProblem)
              .flatMap(Optional::stream)
              .findFirst()
              .orElse(null);
    }
    if (problem == null) {
      return Optional.empty();
    }
    return Optional.of(
        Problems.response(
            400, problem, request.getUriInfo().getRequestUri().getPath(), null, Map.of()));
  }

  // JAX-RS hands an empty value to the resource as if the parameter were absent.
  private static Optional<String> queryProblem(Map.Entry<String, List<String>> parameter) {
    if (parameter.getValue().size() > 1) {
      return Optional.of("query parameter " + parameter.getKey() + " is given more than once");
    }
    if (NOT_EMPTY.contains(parameter.getKey()) && parameter.getValue().get(0).isEmpty()) {
      return Optional.of(
          "query parameter " + parameter.getKey() + " is empty; give a value or leave it out");
    }
    return Optional.empty();
  }

  public static boolean isLabel(String value) {
    return value.length() <= 63 && DNS_LABEL.matcher(value).matches();
  }

  public static boolean isName(String value) {
    return value.length() <= 253 && DNS_SUBDOMAIN.matcher(value).matches();
  }
}
