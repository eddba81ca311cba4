package dev.c8s.webhook.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.c8s.model.validation.ValidationError;
import dev.c8s.webhook.metrics.WebhookMetrics;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/** The validating admission endpoint the API server calls with an AdmissionReview v1. */
@Path("/admission/validate")
public class AdmissionResource {
  static final String API_VERSION = "admission.k8s.io/v1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KINDS =
      Set.of("PipelineConfig", "PipelineRun", "RepositoryConnection");
  private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");

  private final AdmissionReviewer reviewer;
  private final WebhookMetrics metrics;

  public AdmissionResource(AdmissionReviewer reviewer, WebhookMetrics metrics) {
    this.reviewer = reviewer;
    this.metrics = metrics;
  }

  /**
   * Answers the review with {@code allowed}, a status when denied and the warnings. A body that is
   * no AdmissionReview at all is answered 400: the API server never sends one.
   */
  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response validate(String body) {
    JsonNode review;
    try {
      review = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      return badRequest("the body is not JSON: " + e.getOriginalMessage());
    }
    JsonNode request = review == null ? null : review.path("request");
    if (request == null || !request.isObject() || !request.path("uid").isTextual()) {
      return badRequest("expected an AdmissionReview (" + API_VERSION + ") with request.uid");
    }
    String operation = request.path("operation").asText("");
    String kind = request.path("kind").path("kind").asText("");
    JsonNode object = request.path("object");
    if ((operation.equals("CREATE") || operation.equals("UPDATE")) && !object.isObject()) {
      return badRequest("request.object is required for " + operation);
    }
    String namespace =
        request.path("namespace").asText(object.path("metadata").path("namespace").asText(""));
    AdmissionDecision decision =
        reviewer.review(
            request.path("kind").path("group").asText(""),
            kind,
            operation,
            namespace,
            object,
            request.path("oldObject"));
    metrics.admission(
        KINDS.contains(kind) ? kind : "other",
        OPERATIONS.contains(operation) ? operation : "other",
        decision.allowed());
    return Response.ok(answer(review, request.path("uid").asText(), kind, object, decision))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  private static ObjectNode answer(
      JsonNode review, String uid, String kind, JsonNode object, AdmissionDecision decision) {
    ObjectNode answer = JSON.createObjectNode();
    answer.put("apiVersion", review.path("apiVersion").asText(API_VERSION));
    answer.put("kind", "AdmissionReview");
    ObjectNode response = answer.putObject("response");
    response.put("uid", uid);
    response.put("allowed", decision.allowed());
    if (!decision.allowed()) {
      ObjectNode status = response.putObject("status");
      status.put("status", "Failure");
      status.put("code", decision.code());
      status.put("reason", decision.reason());
      status.put("message", decision.message());
      ObjectNode details = status.putObject("details");
      details.put("group", "c8s.dev");
      details.put("kind", kind);
      details.put("name", object.path("metadata").path("name").asText(""));
      ArrayNode causes = details.putArray("causes");
      for (ValidationError error : decision.errors()) {
        causes
            .addObject()
            .put("reason", "FieldValueInvalid")
            .put("field", error.field())
            .put("message", error.message());
      }
    }
    if (!decision.warnings().isEmpty()) {
      ArrayNode warnings = response.putArray("warnings");
      decision.warningLines().forEach(warnings::add);
    }
    return answer;
  }

  private static Response badRequest(String error) {
    ObjectNode body = JSON.createObjectNode().put("error", error);
    return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
