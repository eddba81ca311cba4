package dev.c8s.api.rest;

import static dev.c8s.api.rest.ApiDocs.CONFIG_EXAMPLE;
import static dev.c8s.api.rest.ApiDocs.JSON;
import static dev.c8s.api.rest.ApiDocs.PROBLEM;

import dev.c8s.api.auth.Caller;
import dev.c8s.api.auth.RequiresAccess;
import dev.c8s.api.kube.PipelineConfigs;
import dev.c8s.api.kube.RunRequests;
import dev.c8s.api.kube.TriggerRequest;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** PipelineConfigs: list, get, create, replace, delete, and trigger runs of one. */
@Path("/api/v1/namespaces/{namespace}/pipelineconfigs")
@Produces(JSON)
@Tag(name = "PipelineConfigs", description = "CI pipelines: repository, steps, matrix")
public class PipelineConfigResource {
  private final PipelineConfigs configs;
  private final RunRequests runRequests;
  private final RequestBodies bodies;

  PipelineConfigResource(PipelineConfigs configs, RunRequests runRequests, RequestBodies bodies) {
    this.configs = configs;
    this.runRequests = runRequests;
    this.bodies = bodies;
  }

  @GET
  @RequiresAccess(verb = "list", resource = "pipelineconfigs")
  @Operation(operationId = "listPipelineConfigs", summary = "List the PipelineConfigs")
  @APIResponse(
      responseCode = "200",
      description = "One page of PipelineConfigs",
      content = @Content(mediaType = JSON, schema = @Schema(ref = "PipelineConfigList")))
  public ItemList<PipelineConfig> list(
      @PathParam("namespace") String namespace,
      @QueryParam("limit") String limit,
      @QueryParam("continue") String continueToken) {
    return ItemList.of(
        "PipelineConfigList", configs.list(namespace, Params.limit(limit), continueToken));
  }

  @GET
  @Path("{name}")
  @RequiresAccess(verb = "get", resource = "pipelineconfigs", nameParam = "name")
  @Operation(operationId = "getPipelineConfig", summary = "Read a PipelineConfig")
  @APIResponse(
      responseCode = "200",
      description = "The PipelineConfig",
      content =
          @Content(
              mediaType = JSON,
              schema = @Schema(ref = "PipelineConfig"),
              examples = @ExampleObject(name = "webapp", value = CONFIG_EXAMPLE)))
  @APIResponse(
      responseCode = "404",
      description = "No such PipelineConfig",
      content =
          @Content(
              mediaType = PROBLEM,
              schema = @Schema(ref = "Problem"),
              examples = @ExampleObject(name = "missing", value = ApiDocs.PROBLEM_404)))
  public PipelineConfig get(
      @PathParam("namespace") String namespace, @PathParam("name") String name) {
    return configs.get(namespace, name);
  }

  @POST
  @Consumes(JSON)
  @RequiresAccess(verb = "create", resource = "pipelineconfigs")
  @Operation(
      operationId = "createPipelineConfig",
      summary = "Create a PipelineConfig",
      description =
          "Validated like the admission webhook does: every problem is reported at once with its"
              + " field path (422). Warnings come back as Warning headers.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = JSON,
              schema = @Schema(ref = "PipelineConfig"),
              examples = @ExampleObject(name = "webapp", value = CONFIG_EXAMPLE)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(mediaType = JSON, schema = @Schema(ref = "PipelineConfig")))
  @APIResponse(
      responseCode = "404",
      description = "The namespace does not exist",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "409",
      description = "A PipelineConfig of that name exists",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "422",
      description = "The PipelineConfig is invalid; errors lists every problem",
      content =
          @Content(
              mediaType = PROBLEM,
              schema = @Schema(ref = "Problem"),
              examples = @ExampleObject(name = "unknown dependency", value = ApiDocs.PROBLEM_422)))
  public Response create(
      @PathParam("namespace") String namespace, String body, @Context UriInfo uri) {
    PipelineConfig config = bodies.read(body, PipelineConfig.class);
    var created = configs.create(namespace, config);
    return Written.created(uri, created.object().getMetadata().getName(), created);
  }

  @PUT
  @Path("{name}")
  @Consumes(JSON)
  @RequiresAccess(verb = "update", resource = "pipelineconfigs", nameParam = "name")
  @Operation(
      operationId = "replacePipelineConfig",
      summary = "Replace a PipelineConfig",
      description =
          "With metadata.resourceVersion the replace only succeeds if the object is unchanged"
              + " since it was read (else 409); without, it overwrites the current version. Runs"
              + " under way keep the spec they started with.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = JSON,
              schema = @Schema(ref = "PipelineConfig"),
              examples = @ExampleObject(name = "webapp", value = CONFIG_EXAMPLE)))
  @APIResponse(
      responseCode = "200",
      description = "Replaced",
      content = @Content(mediaType = JSON, schema = @Schema(ref = "PipelineConfig")))
  @APIResponse(
      responseCode = "409",
      description = "metadata.resourceVersion is not the current one",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "422",
      description = "The PipelineConfig is invalid, or its name differs from the path",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public Response replace(
      @PathParam("namespace") String namespace, @PathParam("name") String name, String body) {
    PipelineConfig config = bodies.read(body, PipelineConfig.class);
    return Written.ok(configs.replace(namespace, name, config));
  }

  @DELETE
  @Path("{name}")
  @RequiresAccess(verb = "delete", resource = "pipelineconfigs", nameParam = "name")
  @Operation(
      operationId = "deletePipelineConfig",
      summary = "Delete a PipelineConfig",
      description = "Its runs are kept; they carry a snapshot of the spec they started with.")
  @APIResponse(responseCode = "204", description = "Deleted")
  public void delete(@PathParam("namespace") String namespace, @PathParam("name") String name) {
    configs.delete(namespace, name);
  }

  @POST
  @Path("{name}/runs")
  @Consumes(JSON)
  @RequiresAccess(verb = "create", resource = "pipelineruns")
  @Operation(
      operationId = "triggerPipelineRuns",
      summary = "Trigger runs of a PipelineConfig",
      description =
          "Creates one PipelineRun per matrix combination: the combinations listed in matrix, or"
              + " all of them when matrix is absent or empty. Names are <config>-<5 random"
              + " characters>; triggeredBy is the caller. The branch is not checked against the"
              + " config's branch filters: a manual trigger is deliberate.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = JSON,
              schema = @Schema(ref = "TriggerRequest"),
              examples = @ExampleObject(name = "one combination", value = ApiDocs.TRIGGER_EXAMPLE)))
  @APIResponse(
      responseCode = "201",
      description = "The runs created",
      content = @Content(mediaType = JSON, schema = @Schema(ref = "PipelineRunList")))
  @APIResponse(
      responseCode = "422",
      description = "Invalid commit or branch, or a combination the config does not have",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public Response trigger(
      @PathParam("namespace") String namespace,
      @PathParam("name") String name,
      String body,
      @Context ContainerRequestContext request) {
    TriggerRequest trigger = bodies.read(body, TriggerRequest.class);
    Caller caller = (Caller) request.getProperty(Caller.PROPERTY);
    List<PipelineRun> runs = runRequests.trigger(namespace, name, trigger, caller);
    return Response.status(201).entity(ItemList.of("PipelineRunList", runs)).build();
  }
}
