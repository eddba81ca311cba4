package dev.c8s.api.auth;

import static dev.c8s.api.testing.Api.anonymous;
import static dev.c8s.api.testing.Api.path;
import static org.hamcrest.Matchers.equalTo;

import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.Fixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The dev-loop switch: with it, requests need no token and act as the api-server itself. */
@QuarkusTest
@WithTestResource(ApiServerResources.AuthDisabled.class)
class InsecureDevModeIT {

  @Test
  void requestsWithoutTokenAreServedAndRunsNameTheDevModeCaller() {
    String ns = Fixtures.namespace("devmode");
    Fixtures.config(ns, "webapp", Fixtures.spec(Fixtures.step("test")));
    anonymous().get(path(ns, "pipelineconfigs")).then().statusCode(200);
    anonymous()
        .contentType("application/json")
        .body("{\"commit\":\"4f2a9c1e7b\"}")
        .post(path(ns, "pipelineconfigs/webapp/runs"))
        .then()
        .statusCode(201)
        .body("items[0].spec.triggeredBy", equalTo("c8s:insecure-dev-mode"));
  }
}
