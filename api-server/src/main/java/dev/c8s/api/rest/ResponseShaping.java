package dev.c8s.api.rest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** HTTP manners: exact Allow lists for OPTIONS, objects without managedFields. */
public class ResponseShaping {
  // JAX-RS would list every method of the resource class for OPTIONS; kubectl get -o json hides
  // managedFields, and so does the API.

  /** OPTIONS needs no credentials: it reveals only what the OpenAPI document already does. */
  @ServerRequestFilter(preMatching = true)
  public Optional<Response> options(ContainerRequestContext request) {
    if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
      return Optional.empty();
    }
    var allowed = AllowedMethods.of(request.getUriInfo().getPath());
    if (allowed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Response.ok().header("Allow", String.join(", ", allowed)).build());
  }

  @ServerResponseFilter
  public void withoutManagedFields(ContainerResponseContext response) {
    Object entity = response.getEntity();
    if (entity instanceof HasMetadata object) {
      strip(object);
    } else if (entity instanceof ItemList<?> list) {
      list.items().forEach(ResponseShaping::strip);
    }
  }

  private static void strip(Object item) {
    if (item instanceof HasMetadata object && object.getMetadata() != null) {
      object.getMetadata().setManagedFields(null);
    }
  }
}
