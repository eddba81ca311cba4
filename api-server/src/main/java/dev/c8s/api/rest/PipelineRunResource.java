package dev.c8s.api.rest;

import static dev.c8s.api.rest.ApiDocs.JSON;
import static dev.c8s.api.rest.ApiDocs.PROBLEM;

import dev.c8s.api.auth.Caller;
import dev.c8s.api.auth.RequiresAccess;
import dev.c8s.api.kube.PipelineRuns;
import dev.c8s.api.kube.RunFilter;
import dev.c8s.api.kube.RunRequests;
import dev.c8s.api.problem.ApiException;
import dev.c8s.model.v1alpha1.PipelineRun;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** PipelineRuns: filtered, paginated list, get, cancel and rerun. */
@Path("/api/v1/namespaces/{namespace}/pipelineruns")
@Produces(JSON)
@Tag(name = "PipelineRuns", description = "Executions of a pipeline at a commit")
public class PipelineRunResource {
  private final PipelineRuns runs;
  private final RunRequests runRequests;

  PipelineRunResource(PipelineRuns runs, RunRequests runRequests) {
    this.runs = runs;
    this.runRequests = runRequests;
  }

  @GET
  @RequiresAccess(verb = "list", resource = "pipelineruns")
  @Operation(
      operationId = "listPipelineRuns",
      summary = "List PipelineRuns, filtered and paginated",
      description =
          "Kubernetes evaluates the filters: pipelineConfig, phase and branch as field selectors"
              + " on the PipelineRun CRD's selectable fields (Kubernetes 1.31 and later, with this"
              + " release's CRD), pullRequest as a label selector on c8s.dev/pull-request. On an"
              + " older cluster phase and branch are checked by the api-server while it reads"
              + " Kubernetes pages, so a page may then hold fewer than limit runs (even none) and"
              + " still have a continue token: always follow it until it is absent.")
  @APIResponse(
      responseCode = "200",
      description = "One page of runs",
      content =
          @Content(
              mediaType = JSON,
              schema = @Schema(ref = "PipelineRunList"),
              examples = @ExampleObject(name = "page", value = ApiDocs.RUN_LIST_EXAMPLE)))
  public ItemList<PipelineRun> list(
      @PathParam("namespace") String namespace,
      @Parameter(description = "Only runs of this PipelineConfig", example = "webapp")
          @QueryParam("pipelineConfig")
          String pipelineConfig,
      @Parameter(
              description =
                  "Only runs in this phase (a run not yet seen by the controller is" + " Pending)",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"Pending", "Running", "Succeeded", "Failed", "Cancelled"}))
          @QueryParam("phase")
          String phase,
      @Parameter(description = "Only runs of this branch", example = "main") @QueryParam("branch")
          String branch,
      @Parameter(
              description =
                  "Only runs of this pull request (merge request) number; a label selector on"
                      + " c8s.dev/pull-request",
              example = "42",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
          @QueryParam("pullRequest")
          String pullRequest,
      @QueryParam("limit") String limit,
      @QueryParam("continue") String continueToken) {
    RunFilter filter =
        new RunFilter(
            Params.configName(pipelineConfig),
            Params.phase(phase),
            Params.text(branch),
            Params.pullRequest(pullRequest));
    return ItemList.of(
        "PipelineRunList", runs.list(namespace, filter, Params.limit(limit), continueToken));
  }

  @GET
  @Path("{name}")
  @RequiresAccess(verb = "get", resource = "pipelineruns", nameParam = "name")
  @Operation(operationId = "getPipelineRun", summary = "Read a PipelineRun with its step status")
  @APIResponse(
      responseCode = "200",
      description = "The run",
      content =
          @Content(
              mediaType = JSON,
              schema = @Schema(ref = "PipelineRun"),
              examples = @ExampleObject(name = "running", value = ApiDocs.RUN_EXAMPLE)))
  public PipelineRun get(@PathParam("namespace") String namespace, @PathParam("name") String name) {
    return runs.get(namespace, name);
  }

  @POST
  @Path("{name}/cancel")
  @RequiresAccess(verb = "update", resource = "pipelineruns", nameParam = "name")
  @Operation(
      operationId = "cancelPipelineRun",
      summary = "Cancel a run",
      description =
          "Sets spec.cancelRequested; the controller then stops running steps, skips pending ones"
              + " and ends the run Cancelled. Asking again while it is under way is harmless.")
  @APIResponse(
      responseCode = "202",
      description = "Cancellation requested; the run as updated",
      content = @Content(mediaType = JSON, schema = @Schema(ref = "PipelineRun")))
  @APIResponse(
      responseCode = "409",
      description = "The run has already ended",
      content =
          @Content(
              mediaType = PROBLEM,
              schema = @Schema(ref = "Problem"),
              examples = @ExampleObject(name = "ended", value = ApiDocs.PROBLEM_409)))
  public Response cancel(@PathParam("namespace") String namespace, @PathParam("name") String name) {
    return Response.accepted(runs.cancel(namespace, name)).build();
  }

  @POST
  @Path("{name}/rerun")
  @RequiresAccess(verb = "create", resource = "pipelineruns")
  @Operation(
      operationId = "rerunPipelineRun",
      summary = "Run again",
      description =
          "Creates a new run of the same PipelineConfig, commit, branch and matrix combination,"
              + " triggered by the caller and annotated c8s.dev/rerun-of. With from=failed the new"
              + " run resumes the failed or cancelled run (spec.resumeFrom): it keeps the run's"
              + " pipeline snapshot, reuses its succeeded steps (status, logs, artifacts) and runs"
              + " only the failed, skipped and unstarted ones.")
  @APIResponse(
      responseCode = "201",
      description = "The new run",
      content = @Content(mediaType = JSON, schema = @Schema(ref = "PipelineRun")))
  @APIResponse(
      responseCode = "409",
      description =
          "The run's PipelineConfig is gone or no longer has its matrix combination; with"
              + " from=failed, the run did not fail or was never started",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "400",
      description = "from is not failed",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public Response rerun(
      @PathParam("namespace") String namespace,
      @PathParam("name") String name,
      @Parameter(
              description =
                  "failed: resume from the failed steps, reusing the succeeded ones; absent: run"
                      + " everything again",
              schema = @Schema(enumeration = {"failed"}))
          @QueryParam("from")
          String from,
      @Context ContainerRequestContext request,
      @Context UriInfo uri) {
    Caller caller = (Caller) request.getProperty(Caller.PROPERTY);
    if (from != null && !"failed".equals(from)) {
      throw ApiException.badRequest(
          "from must be failed (resume from the failed steps) or left out (run everything"
              + " again), not \""
              + from
              + "\"");
    }
    PipelineRun created =
        from == null
            ? runRequests.rerun(namespace, name, caller)
            : runRequests.resume(namespace, name, caller);
    return Response.created(
            uri.getBaseUriBuilder()
                .path("api/v1/namespaces/{namespace}/pipelineruns/{name}")
                .build(namespace, created.getMetadata().getName()))
        .entity(created)
        .build();
  }
}
