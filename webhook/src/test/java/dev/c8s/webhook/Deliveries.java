package dev.c8s.webhook;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Sends deliveries with the headers each provider sends; a null header is left out. */
public final class Deliveries {
  private Deliveries() {}

  public static Response github(byte[] body, String signature, String event, String deliveryId) {
    RequestSpecification request =
        given().contentType("application/json").header("User-Agent", "GitHub-Hookshot/044aadd");
    request = header(request, "X-Hub-Signature-256", signature);
    request = header(request, "X-GitHub-Event", event);
    request = header(request, "X-GitHub-Delivery", deliveryId);
    return request.body(body).post("/webhooks/github");
  }

  public static Response gitlab(byte[] body, String token, String event, String idempotencyKey) {
    RequestSpecification request = given().contentType("application/json");
    request = header(request, "X-Gitlab-Token", token);
    request = header(request, "X-Gitlab-Event", event);
    request = header(request, "Idempotency-Key", idempotencyKey);
    request = header(request, "X-Gitlab-Event-UUID", "13792a34-cac6-4fda-95a8-c58e00a3954e");
    return request.body(body).post("/webhooks/gitlab");
  }

  public static Response bitbucket(byte[] body, String signature, String event, String requestId) {
    RequestSpecification request =
        given().contentType("application/json").header("User-Agent", "Bitbucket-Webhooks/2.0");
    request = header(request, "X-Hub-Signature", signature);
    request = header(request, "X-Event-Key", event);
    request = header(request, "X-Request-UUID", requestId);
    return request.body(body).post("/webhooks/bitbucket");
  }

  /** As Gitea 1.26 sends them (it adds GitHub- and Gogs-style copies, left out here). */
  public static Response gitea(byte[] body, String signature, String event, String delivery) {
    RequestSpecification request =
        given().contentType("application/json").header("User-Agent", "Go-http-client/1.1");
    request = header(request, "X-Gitea-Signature", signature);
    request = header(request, "X-Gitea-Event", event);
    request = header(request, "X-Gitea-Event-Type", event);
    request = header(request, "X-Gitea-Delivery", delivery);
    return request.body(body).post("/webhooks/gitea");
  }

  private static RequestSpecification header(
      RequestSpecification request, String name, String value) {
    return value == null ? request : request.header(name, value);
  }
}
