package dev.c8s.webhook.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.webhook.metrics.WebhookMetrics;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;

/** The validating admission endpoint the API server calls with an AdmissionReview v1. */
@Path("/admission/validate")
public class AdmissionResource {
  static final String API_VERSION = "admission.k8s.io/v1";
  private static final Set<String> KINDS =
      Set.of("PipelineConfig", "PipelineRun", "RepositoryConnection");
  private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");

  private final AdmissionReviewer reviewer;
  private final WebhookMetrics metrics;
  private final ObjectMapper json;

  public AdmissionResource(AdmissionReviewer reviewer, WebhookMetrics metrics, ObjectMapper json) {
    this.reviewer = reviewer;
    this.metrics = metrics;
    this.json = json;
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
      review = json.readTree(body == null ? "" : body);
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

  private static AdmissionReview answer(
      JsonNode review, String uid, String kind, JsonNode object, AdmissionDecision decision) {
    AdmissionResponseBuilder response =
        new AdmissionResponseBuilder().withUid(uid).withAllowed(decision.allowed());
    if (!decision.allowed()) {
      response.withStatus(
          new StatusBuilder()
              .withStatus("Failure")
              .withCode(decision.code())
              .withReason(decision.reason())
              .withMessage(decision.message())
              .withNewDetails()
              .withGroup("c8s.dev")
              .withKind(kind)
              .withName(object.path("metadata").path("name").asText(""))
              .withCauses(
                  decision.errors().stream()
                      .map(
                          error ->
                              new StatusCauseBuilder()
                                  .withReason("FieldValueInvalid")
                                  .withField(error.field())
                                  .withMessage(error.message())
                                  .build())
                      .toList())
              .endDetails()
              .build());
    }
    if (!decision.warnings().isEmpty()) {
      response.withWarnings(decision.warningLines());
    }
    AdmissionReview answer = new AdmissionReviewBuilder().withResponse(response.build()).build();
    // Answer in the version asked (v1; v1beta1 from API servers before 1.22).
    answer.setApiVersion(review.path("apiVersion").asText(API_VERSION));
    return answer;
  }

  private static Response badRequest(String error) {
    return Response.status(400)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("error", error))
        .build();
  }
}
