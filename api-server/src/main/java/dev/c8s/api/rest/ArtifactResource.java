package dev.c8s.api.rest;

import static dev.c8s.api.rest.ApiDocs.JSON;
import static dev.c8s.api.rest.ApiDocs.PROBLEM;

import dev.c8s.api.auth.RequiresAccess;
import dev.c8s.api.storage.ArtifactArchive;
import dev.c8s.api.storage.Artifacts;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The artifacts of one step of a run: list, one file, or a presigned URL of the archive. */
@Path("/api/v1/namespaces/{namespace}/pipelineruns/{name}/steps/{step}/artifacts")
@Tag(name = "Logs and artifacts")
public class ArtifactResource {
  private final Artifacts artifacts;

  ArtifactResource(Artifacts artifacts) {
    this.artifacts = artifacts;
  }

  @GET
  @Produces(JSON)
  @RequiresAccess(
      verb = "get",
      resource = "pipelineruns",
      subresource = "artifacts",
      nameParam = "name")
  @Operation(
      operationId = "listStepArtifacts",
      summary = "List a step's artifacts, or presign its archive",
      description =
          "Lists the files of the step's archive (read as a stream). With presign=true, returns"
              + " instead a short-lived URL that downloads the whole archive (tar.gz) without"
              + " credentials. Needs get on pipelineruns/artifacts.")
  @APIResponse(
      responseCode = "200",
      description = "The files (ArtifactList), or with presign=true a URL (PresignedUrl)",
      content =
          @Content(
              mediaType = JSON,
              schema = @Schema(oneOf = {ArtifactList.class, PresignedUrl.class}),
              examples = {
                @ExampleObject(
                    name = "files",
                    value =
                        "{\"items\":[{\"path\":\"dist/app\",\"size\":5242880},"
                            + "{\"path\":\"reports/junit.xml\",\"size\":2048}]}"),
                @ExampleObject(
                    name = "presigned",
                    value =
                        "{\"url\":\"https://s3.example.com/c8s-artifacts/team-a/webapp-x7k2p/build/"
                            + "artifacts.tar.gz?X-Amz-Signature=...\","
                            + "\"expiresAt\":\"2026-11-21T12:05:00Z\"}")
              }))
  @APIResponse(
      responseCode = "404",
      description = "No such run or step, or the step has no artifacts",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public Object list(
      @PathParam("namespace") String namespace,
      @PathParam("name") String name,
      @PathParam("step") String step,
      @Parameter(
              description = "Return a presigned URL of the whole archive instead of the list",
              schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
          @QueryParam("presign")
          String presign) {
    if (Params.bool("presign", presign)) {
      var url = artifacts.presign(namespace, name, step);
      return new PresignedUrl(url.url().toString(), url.expiresAt().toString());
    }
    return new ArtifactList(artifacts.list(namespace, name, step));
  }

  @GET
  @Path("{path: .+}")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  @RequiresAccess(
      verb = "get",
      resource = "pipelineruns",
      subresource = "artifacts",
      nameParam = "name")
  @Operation(
      operationId = "downloadStepArtifact",
      summary = "Download one artifact file",
      description = "Streams one file out of the step's archive.")
  @APIResponse(
      responseCode = "200",
      description = "The file's bytes",
      headers =
          @Header(
              name = "Content-Disposition",
              description = "attachment; filename=\"<file name>\"",
              schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_OCTET_STREAM,
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(
      responseCode = "404",
      description = "No such run, step, archive or file",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public Response download(
      @PathParam("namespace") String namespace,
      @PathParam("name") String name,
      @PathParam("step") String step,
      @Parameter(description = "Workspace-relative path of the file", example = "dist/app")
          @PathParam("path")
          String path) {
    ArtifactArchive.Positioned file = artifacts.file(namespace, name, step, path);
    String fileName = path.substring(path.lastIndexOf('/') + 1).replace("\"", "");
    StreamingOutput body =
        out -> {
          try (InputStream in = file.content()) {
            in.transferTo(out);
          }
        };
    return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
        .header("Content-Length", file.entry().size())
        .build();
  }

  /**
   * The files of a step's archive.
   *
   * @param items one entry per regular file
   */
  @Schema(name = "ArtifactList", requiredProperties = "items")
  public record ArtifactList(List<ArtifactArchive.Entry> items) {}

  /**
   * A presigned download URL of a step's whole archive.
   *
   * @param url the URL, valid without credentials until expiresAt
   * @param expiresAt when the URL stops working
   */
  @Schema(
      name = "PresignedUrl",
      requiredProperties = {"url", "expiresAt"})
  public record PresignedUrl(
      @Schema(format = "uri") String url, @Schema(format = "date-time") String expiresAt) {}
}
