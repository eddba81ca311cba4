package dev.c8s.api.auth;

import static dev.c8s.api.testing.Api.anonymous;
import static dev.c8s.api.testing.Api.as;
import static dev.c8s.api.testing.Api.asAdmin;
import static dev.c8s.api.testing.Api.path;
import static dev.c8s.api.testing.Identities.rule;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.Fixtures;
import dev.c8s.api.testing.Identities;
import dev.c8s.model.v1alpha1.RunPhase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TokenReview and SubjectAccessReview with real ServiceAccounts, Roles and RoleBindings. */
@QuarkusTest
@WithTestResource(ApiServerResources.class)
class AuthIT {
  private String ns;

  @BeforeEach
  void namespace() {
    ns = Fixtures.namespace("auth");
  }

  /** Every operation of the document, with its path filled in for namespace {@code ns}. */
  private List<String[]> operations(String namespace) {
    Map<String, Map<String, Object>> paths =
        given().get("/q/openapi?format=json").then().statusCode(200).extract().path("paths");
    List<String[]> operations = new ArrayList<>();
    paths.forEach(
        (template, item) ->
            item.keySet().stream()
                .filter(m -> List.of("get", "post", "put", "delete").contains(m))
                .forEach(
                    method ->
                        operations.add(
                            new String[] {
                              method,
                              template
                                  .replace("{namespace}", namespace)
                                  .replace("{name}", "r1")
                                  .replace("{step}", "build")
                                  .replace("{path}", "dist/app")
                            })));
    assertThat(operations).hasSizeGreaterThanOrEqualTo(17);
    return operations;
  }

  @Test
  void everyOperationRefusesMissingAndInvalidTokensAndCallersWithoutRights() {
    String nobody = Identities.withRules(ns, "nobody", List.of());
    SoftAssertions softly = new SoftAssertions();
    for (String[] op : operations(ns)) {
      Response missing = send(anonymous(), op);
      softly.assertThat(missing.statusCode()).as("no token: %s %s", op[0], op[1]).isEqualTo(401);
      softly.assertThat(missing.header("WWW-Authenticate")).as("challenge").startsWith("Bearer");
      softly.assertThat(missing.contentType()).startsWith("application/problem+json");

      Response invalid = send(as("not-a-kubernetes-token"), op);
      softly.assertThat(invalid.statusCode()).as("bad token: %s %s", op[0], op[1]).isEqualTo(401);

      Response forbidden = send(as(nobody), op);
      softly.assertThat(forbidden.statusCode()).as("no rights: %s %s", op[0], op[1]).isEqualTo(403);
      softly
          .assertThat(forbidden.jsonPath().getString("detail"))
          .startsWith("user \"system:serviceaccount:" + ns + ":nobody\" cannot ");
    }
    softly.assertAll();
  }

  @Test
  void everyOperationRejectsAnInvalidNamespaceName() {
    SoftAssertions softly = new SoftAssertions();
    for (String[] op : operations("Not_A_Namespace")) {
      Response response = send(asAdmin(), op);
      softly.assertThat(response.statusCode()).as("%s %s", op[0], op[1]).isEqualTo(400);
      softly
          .assertThat(response.jsonPath().getString("detail"))
          .contains("is not a valid namespace name");
    }
    softly.assertAll();
  }

  @Test
  void callerWithReadRightsOnRunsCanReadThemButNotTheirLogsOrConfigs() {
    String viewer =
        Identities.withRules(ns, "viewer", List.of(rule(List.of("pipelineruns"), "get", "list")));
    Fixtures.run(ns, "r1", "webapp", "main", RunPhase.Running);

    as(viewer).get(path(ns, "pipelineruns")).then().statusCode(200);
    as(viewer).get(path(ns, "pipelineruns/r1")).then().statusCode(200);
    as(viewer)
        .get(path(ns, "pipelineruns/r1/steps/build/logs"))
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body(
            "detail",
            equalTo(
                "user \"system:serviceaccount:"
                    + ns
                    + ":viewer\" cannot get pipelineruns.c8s.dev/log \"r1\" in namespace \""
                    + ns
                    + "\""));
    as(viewer)
        .contentType("application/json")
        .body("{}")
        .post(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(403)
        .body(
            "detail",
            startsWith(
                "user \"system:serviceaccount:"
                    + ns
                    + ":viewer\" cannot create pipelineconfigs.c8s.dev in namespace \""
                    + ns
                    + "\""));
    String other = Fixtures.namespace("auth-other");
    as(viewer).get(path(other, "pipelineruns")).then().statusCode(403);
  }

  @Test
  void triggerNeedsCreateOnRunsAndRecordsTheCaller() {
    Fixtures.config(ns, "webapp", Fixtures.spec(Fixtures.step("test")));
    String ci = Identities.withRules(ns, "ci", List.of(rule(List.of("pipelineruns"), "create")));
    as(ci)
        .contentType("application/json")
        .body("{\"commit\":\"4f2a9c1e7b\"}")
        .post(path(ns, "pipelineconfigs/webapp/runs"))
        .then()
        .statusCode(201)
        .body("items[0].spec.triggeredBy", equalTo("system:serviceaccount:" + ns + ":ci"));
  }

  @Test
  void nonBearerSchemeIs401() {
    anonymous()
        .header("Authorization", "Basic YWRtaW46YWRtaW4=")
        .get(path(ns, "pipelineruns"))
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"));
  }

  @Test
  void healthMetricsAndTheDocumentNeedNoToken() {
    given().get("/q/health/ready").then().statusCode(200);
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(200);
  }

  private static Response send(RequestSpecification request, String[] op) {
    if (op[0].equals("post") || op[0].equals("put")) {
      request.contentType("application/json").body("{}");
    }
    return request.request(op[0].toUpperCase(), op[1]);
  }
}
