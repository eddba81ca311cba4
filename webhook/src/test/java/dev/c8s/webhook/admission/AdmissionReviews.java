package dev.c8s.webhook.admission;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/** Builds AdmissionReview v1 requests as the API server sends them, and posts them. */
final class AdmissionReviews {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KubernetesSerialization KUBE = new KubernetesSerialization();

  private AdmissionReviews() {}

  /** A seed 001 example (from common-model's test resources) moved into {@code namespace}. */
  static ObjectNode seed(String file, String namespace) {
    try (InputStream in = AdmissionReviews.class.getResourceAsStream("/seed-001/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no seed example " + file);
      }
      Object parsed = KUBE.unmarshal(in);
      ObjectNode object = JSON.valueToTree(KUBE.convertValue(parsed, java.util.Map.class));
      ((ObjectNode) object.path("metadata")).put("namespace", namespace);
      return object;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON tree of a YAML or JSON text. */
  static ObjectNode object(String yaml) {
    return JSON.valueToTree(KUBE.unmarshal(yaml, java.util.Map.class));
  }

  /** A review of {@code operation} on {@code object} (and {@code oldObject} for updates). */
  static ObjectNode review(
      String operation, String namespace, JsonNode object, JsonNode oldObject) {
    JsonNode subject = object != null ? object : oldObject;
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", UUID.randomUUID().toString());
    String apiVersion = subject.path("apiVersion").asText();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    String kind = subject.path("kind").asText();
    request.putObject("kind").put("group", group).put("version", version).put("kind", kind);
    request
        .putObject("resource")
        .put("group", group)
        .put("version", version)
        .put("resource", kind.toLowerCase() + "s");
    request.put("name", subject.path("metadata").path("name").asText());
    request.put("namespace", namespace);
    request.put("operation", operation);
    request.putObject("userInfo").put("username", "kubernetes-admin");
    request.set("object", object);
    request.set("oldObject", oldObject);
    request.put("dryRun", false);
    return review;
  }

  /** Posts {@code review} and checks it was answered for the same uid. */
  static ValidatableResponse post(ObjectNode review) {
    return given()
        .contentType("application/json")
        .body(review.toString())
        .post("/admission/validate")
        .then()
        .statusCode(200)
        .body("apiVersion", org.hamcrest.Matchers.equalTo("admission.k8s.io/v1"))
        .body("kind", org.hamcrest.Matchers.equalTo("AdmissionReview"))
        .body(
            "response.uid",
            org.hamcrest.Matchers.equalTo(review.path("request").path("uid").asText()));
  }
}
