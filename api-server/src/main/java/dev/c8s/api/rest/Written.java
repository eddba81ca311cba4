package dev.c8s.api.rest;

import dev.c8s.api.kube.Validated;
import dev.c8s.model.validation.ValidationError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/** Responses to writes: the object, its Location, and validation warnings as Warning headers. */
final class Written {
  private Written() {}

  /** 201 with the created object and its URL. */
  static Response created(UriInfo uri, String name, Validated<?> result) {
    URI location = uri.getAbsolutePathBuilder().path(name).build();
    return warnings(Response.created(location).entity(result.object()), result);
  }

  /** 200 with the replaced object. */
  static Response ok(Validated<?> result) {
    return warnings(Response.ok(result.object()), result);
  }

  // Like the Kubernetes API server's admission warnings: 299, no agent, quoted text.
  private static Response warnings(Response.ResponseBuilder builder, Validated<?> result) {
    for (ValidationError warning : result.warnings()) {
      String text = (warning.field() + ": " + warning.message()).replace("\\", "\\\\");
      builder.header("Warning", "299 - \"" + text.replace("\"", "\\\"") + "\"");
    }
    return builder.build();
  }
}
