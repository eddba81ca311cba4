package dev.c8s.api.rest;

import static dev.c8s.api.rest.ApiDocs.CONNECTION_EXAMPLE;
import static dev.c8s.api.rest.ApiDocs.JSON;
import static dev.c8s.api.rest.ApiDocs.PROBLEM;

import dev.c8s.api.auth.RequiresAccess;
import dev.c8s.api.kube.RepositoryConnections;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** RepositoryConnections: list, get, create and delete; never a Secret's contents. */
@Path("/api/v1/namespaces/{namespace}/repositoryconnections")
@Produces(JSON)
@Tag(name = "RepositoryConnections", description = "Git repositories linked to c8s")
public class RepositoryConnectionResource {
  private final RepositoryConnections connections;
  private final RequestBodies bodies;

  RepositoryConnectionResource(RepositoryConnections connections, RequestBodies bodies) {
    this.connections = connections;
    this.bodies = bodies;
  }

  @GET
  @RequiresAccess(verb = "list", resource = "repositoryconnections")
  @Operation(operationId = "listRepositoryConnections", summary = "List RepositoryConnections")
  @APIResponse(
      responseCode = "200",
      description = "One page of RepositoryConnections",
      content = @Content(mediaType = JSON, schema = @Schema(ref = "RepositoryConnectionList")))
  public ItemList<RepositoryConnection> list(
      @PathParam("namespace") String namespace,
      @QueryParam("limit") String limit,
      @QueryParam("continue") String continueToken) {
    return ItemList.of(
        "RepositoryConnectionList",
        connections.list(namespace, Params.limit(limit), continueToken));
  }

  @GET
  @Path("{name}")
  @RequiresAccess(verb = "get", resource = "repositoryconnections", nameParam = "name")
  @Operation(operationId = "getRepositoryConnection", summary = "Read a RepositoryConnection")
  @APIResponse(
      responseCode = "200",
      description = "The RepositoryConnection",
      content =
          @Content(
              mediaType = JSON,
              schema = @Schema(ref = "RepositoryConnection"),
              examples = @ExampleObject(name = "github", value = CONNECTION_EXAMPLE)))
  public RepositoryConnection get(
      @PathParam("namespace") String namespace, @PathParam("name") String name) {
    return connections.get(namespace, name);
  }

  @POST
  @Consumes(JSON)
  @RequiresAccess(verb = "create", resource = "repositoryconnections")
  @Operation(
      operationId = "createRepositoryConnection",
      summary = "Create a RepositoryConnection",
      description =
          "The Secrets it names (webhookSecretRef, authSecretRef) are created separately, with"
              + " kubectl or your secret manager; this API never reads or returns them.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = JSON,
              schema = @Schema(ref = "RepositoryConnection"),
              examples = @ExampleObject(name = "github", value = CONNECTION_EXAMPLE)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(mediaType = JSON, schema = @Schema(ref = "RepositoryConnection")))
  @APIResponse(
      responseCode = "404",
      description = "The namespace does not exist",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "409",
      description = "A RepositoryConnection of that name exists",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "415",
      description = "The body is not application/json",
      content =
          @Content(
              mediaType = PROBLEM,
              schema = @Schema(ref = "Problem"),
              examples = @ExampleObject(name = "text body", value = ApiDocs.PROBLEM_415)))
  @APIResponse(
      responseCode = "422",
      description = "The RepositoryConnection is invalid; errors lists every problem",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public Response create(
      @PathParam("namespace") String namespace, String body, @Context UriInfo uri) {
    RepositoryConnection connection = bodies.read(body, RepositoryConnection.class);
    var created = connections.create(namespace, connection);
    return Written.created(uri, created.object().getMetadata().getName(), created);
  }

  @DELETE
  @Path("{name}")
  @RequiresAccess(verb = "delete", resource = "repositoryconnections", nameParam = "name")
  @Operation(operationId = "deleteRepositoryConnection", summary = "Delete a RepositoryConnection")
  @APIResponse(responseCode = "204", description = "Deleted")
  public void delete(@PathParam("namespace") String namespace, @PathParam("name") String name) {
    connections.delete(namespace, name);
  }
}
