package dev.c8s.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The webhook starts against a real API server and answers its liveness and readiness probes. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class WebhookHealthIT {

  @Test
  void livenessProbeReportsUp() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void readinessProbeReportsUpOnceTheConnectionCacheHasSynced() {
    await()
        .untilAsserted(
            () ->
                given()
                    .when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP")));
  }
}
