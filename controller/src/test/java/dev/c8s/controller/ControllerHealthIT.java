package dev.c8s.controller;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The controller starts against a real API server and answers its Kubernetes liveness and readiness
 * probes.
 */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class ControllerHealthIT {

  @Test
  void livenessProbeReportsUp() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void readinessProbeReportsUp() {
    given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
  }
}
