package dev.c8s.api.rest;

import static dev.c8s.api.rest.ApiDocs.PROBLEM;

import dev.c8s.api.auth.RequiresAccess;
import dev.c8s.api.logs.StepLogs;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The log of one step of a run, live or archived, with secrets masked. */
@Path("/api/v1/namespaces/{namespace}/pipelineruns/{name}/steps/{step}/logs")
@Tag(name = "Logs and artifacts", description = "Step logs and artifact archives")
public class StepLogResource {
  /** Response header saying where the log came from: {@code archive} or {@code pod}. */
  static final String SOURCE_HEADER = "X-C8s-Log-Source";

  private final StepLogs logs;

  StepLogResource(StepLogs logs) {
    this.logs = logs;
  }

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  @RequiresAccess(verb = "get", resource = "pipelineruns", subresource = "log", nameParam = "name")
  @Operation(
      operationId = "getStepLog",
      summary = "Read a step's log",
      description =
          "While the step runs, the log comes from its pod (container step), or, when the pod"
              + " is gone, from what the controller stored while the step ran; once the controller"
              + " has archived it (status.steps[].logURL), from object storage. Values of the"
              + " step's secrets are replaced by *** in both. With follow=true a running step's"
              + " log is streamed until the step ends. Needs get on pipelineruns/log.")
  @APIResponse(
      responseCode = "200",
      description = "The log, masked",
      headers =
          @Header(
              name = SOURCE_HEADER,
              description =
                  "Where the log came from: archive, pod, or live-archive (object storage, while"
                      + " the step runs without a readable pod)",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"archive", "pod", "live-archive"})),
      content =
          @Content(
              mediaType = MediaType.TEXT_PLAIN,
              schema = @Schema(type = SchemaType.STRING),
              examples =
                  @ExampleObject(
                      name = "masked",
                      value = "go test ./...\nusing token ***\nok  example.com/webapp 0.4s\n")))
  @APIResponse(
      responseCode = "404",
      description = "No such run or step, or the step has no log yet",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public Response get(
      @PathParam("namespace") String namespace,
      @PathParam("name") String name,
      @PathParam("step") String step,
      @Parameter(
              description = "Stream a running step's log until the step ends",
              schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
          @QueryParam("follow")
          String follow) {
    StepLogs.Log log = logs.open(namespace, name, step, Params.bool("follow", follow));
    return Response.ok(log.body(), MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
        .header(SOURCE_HEADER, log.source())
        .build();
  }
}
