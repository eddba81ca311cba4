package dev.c8s.api.rest;

import static dev.c8s.api.testing.Api.asAdmin;
import static dev.c8s.api.testing.Api.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.Fixtures;
import dev.c8s.model.v1alpha1.PipelineConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PipelineConfig CRUD against the real API server, with validation and conflicts. */
@QuarkusTest
@WithTestResource(ApiServerResources.class)
class PipelineConfigApiIT {
  private static final String VALID =
      """
      {"apiVersion":"c8s.dev/v1alpha1","kind":"PipelineConfig","metadata":{"name":"webapp"},
       "spec":{"repository":"https://github.com/example/webapp.git",
        "steps":[{"name":"test","image":"golang:1.22","commands":["go test ./..."]}]}}
      """;

  private String ns;

  @BeforeEach
  void namespace() {
    ns = Fixtures.namespace("configs");
  }

  @Test
  void createThenGetReturnsTheCustomResource() {
    asAdmin()
        .contentType("application/json")
        .body(VALID)
        .post(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(201)
        .header("Location", containsString(path(ns, "pipelineconfigs/webapp")))
        .body("apiVersion", equalTo("c8s.dev/v1alpha1"))
        .body("kind", equalTo("PipelineConfig"))
        .body("metadata.namespace", equalTo(ns))
        .body("metadata.uid", notNullValue())
        .body("metadata.managedFields", nullValue())
        .body("spec.steps[0].timeout", equalTo("30m"));

    asAdmin()
        .get(path(ns, "pipelineconfigs/webapp"))
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("spec.repository", equalTo("https://github.com/example/webapp.git"))
        .body("spec.branches", equalTo(List.of("*")));
  }

  @Test
  void createReturnsValidationWarningsAsWarningHeaders() {
    String tooShort = VALID.replace("\"steps\"", "\"timeout\":\"10m\",\"steps\"");
    asAdmin()
        .contentType("application/json")
        .body(tooShort)
        .post(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(201)
        .header("Warning", containsString("299 - \"spec.timeout: the step timeouts add up"));
  }

  @Test
  void invalidConfigIs422WithEveryProblemAndItsFieldPath() {
    String invalid =
        """
        {"metadata":{"name":"broken"},
         "spec":{"repository":"github.com/example/webapp",
          "steps":[{"name":"test","image":"golang:1.22","commands":["go test"],"timeout":"5 minutes"},
                   {"name":"build","image":"golang:1.22","commands":["go build"],"dependsOn":["tset"]}]}}
        """;
    asAdmin()
        .contentType("application/json")
        .body(invalid)
        .post(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("status", equalTo(422))
        .body("title", equalTo("Unprocessable Content"))
        .body("type", equalTo("https://c8s.dev/problems/unprocessable-content"))
        .body("instance", equalTo(path(ns, "pipelineconfigs")))
        .body("errors.field", hasItem("spec.repository"))
        .body("errors.field", hasItem("spec.steps[0].timeout"))
        .body("errors.field", hasItem("spec.steps[1].dependsOn[0]"))
        .body(
            "errors.find { it.field == 'spec.steps[0].timeout' }.actualValue",
            equalTo("5 minutes"));
    assertThat(Fixtures.kube().resources(PipelineConfig.class).inNamespace(ns).list().getItems())
        .isEmpty();
  }

  @Test
  void aScheduleIsKeptAndABrokenOneIs422WithEachFieldPath() {
    String scheduled =
        VALID.replace(
            "\"steps\"",
            "\"schedule\":{\"cron\":\"0 3 * * 1-5\",\"timeZone\":\"Europe/Berlin\","
                + "\"branch\":\"main\",\"startingDeadlineSeconds\":600},\"steps\"");
    asAdmin()
        .contentType("application/json")
        .body(scheduled)
        .post(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(201)
        .body("spec.schedule.cron", equalTo("0 3 * * 1-5"))
        .body("spec.schedule.timeZone", equalTo("Europe/Berlin"))
        .body("spec.schedule.startingDeadlineSeconds", equalTo(600));
    String broken =
        VALID
            .replace("webapp\"}", "nightly\"}")
            .replace(
                "\"steps\"",
                "\"schedule\":{\"cron\":\"0 25 * * *\",\"timeZone\":\"Berlin\","
                    + "\"branch\":\"refs/heads/main\"},\"steps\"");
    asAdmin()
        .contentType("application/json")
        .body(broken)
        .post(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(422)
        .body("errors.field", hasItem("spec.schedule.cron"))
        .body("errors.field", hasItem("spec.schedule.timeZone"))
        .body("errors.field", hasItem("spec.schedule.branch"))
        .body(
            "errors.find { it.field == 'spec.schedule.cron' }.message",
            containsString("hour field \"25\" has 25, outside 0-23"));
  }

  @Test
  void unknownFieldAndWrongTypeAre422NamingTheField() {
    asAdmin()
        .contentType("application/json")
        .body(VALID.replace("\"commands\"", "\"dependOn\":[],\"commands\""))
        .post(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("spec.steps[0].dependOn"))
        .body("errors[0].message", containsString("unknown field"));
    asAdmin()
        .contentType("application/json")
        .body(VALID.replace("[\"go test ./...\"]", "{\"run\":1}"))
        .post(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("spec.steps[0].commands"))
        .body("errors[0].expectedType", equalTo("array"));
  }

  @Test
  void valuesAreNotConvertedBetweenJsonTypes() {
    asAdmin()
        .contentType("application/json")
        .body(VALID.replace("{\"name\":\"webapp\"}", "{\"name\":false}"))
        .post(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("metadata.name"))
        .body("errors[0].expectedType", equalTo("string"));
  }

  @Test
  void malformedJsonIs400Problem() {
    asAdmin()
        .contentType("application/json")
        .body("{\"metadata\": {\"name\": \"x\"")
        .post(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("malformed JSON"));
  }

  @Test
  void nonJsonBodyIs415Problem() {
    asAdmin()
        .contentType("text/plain")
        .body("name: webapp")
        .post(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("status", equalTo(415));
  }

  @Test
  void namespaceOtherThanThePathsIs422() {
    asAdmin()
        .contentType("application/json")
        .body(
            VALID.replace("{\"name\":\"webapp\"}", "{\"name\":\"webapp\",\"namespace\":\"other\"}"))
        .post(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("metadata.namespace"));
  }

  @Test
  void createInANamespaceThatDoesNotExistIs404() {
    asAdmin()
        .contentType("application/json")
        .body(VALID)
        .post(path(ns + "-missing", "pipelineconfigs"))
        .then()
        .statusCode(404)
        .body("detail", containsString("not found"));
  }

  @Test
  void repeatedOrEmptyQueryParametersAre400() {
    asAdmin()
        .queryParam("limit", 5)
        .queryParam("limit", 7)
        .get(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(400)
        .body("detail", equalTo("query parameter limit is given more than once"));
    asAdmin().get(path(ns, "pipelineconfigs") + "?limit=").then().statusCode(400);
  }

  @Test
  void unsupportedMethodIs405ListingTheAllowedOnes() {
    asAdmin()
        .patch(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(405)
        .contentType("application/problem+json")
        .header("Allow", equalTo("GET, HEAD, OPTIONS, POST"));
    asAdmin()
        .options(path(ns, "pipelineconfigs/webapp"))
        .then()
        .statusCode(200)
        .header("Allow", equalTo("DELETE, GET, HEAD, OPTIONS, PUT"));
  }

  @Test
  void secondCreateOfTheSameNameIs409() {
    Fixtures.config(ns, "webapp", Fixtures.spec(Fixtures.step("test")));
    asAdmin()
        .contentType("application/json")
        .body(VALID)
        .post(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("already exists"));
  }

  @Test
  void kubernetesSchemaRejectionIs422WithItsCauses() {
    asAdmin()
        .contentType("application/json")
        .body(VALID.replace("\"webapp\"}", "\"Not_A_Name\"}"))
        .post(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("metadata.name"));
  }

  @Test
  void listPagesWithLimitAndContinue() {
    for (String name : List.of("a", "b", "c")) {
      Fixtures.config(ns, name, Fixtures.spec(Fixtures.step("test")));
    }
    String next =
        asAdmin()
            .queryParam("limit", 2)
            .get(path(ns, "pipelineconfigs"))
            .then()
            .statusCode(200)
            .body("kind", equalTo("PipelineConfigList"))
            .body("items.metadata.name", equalTo(List.of("a", "b")))
            .extract()
            .path("metadata.continue");
    asAdmin()
        .queryParam("limit", 2)
        .queryParam("continue", next)
        .get(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(200)
        .body("items.metadata.name", equalTo(List.of("c")))
        .body("metadata.continue", nullValue());
    asAdmin()
        .get(path(ns + "-empty", "pipelineconfigs"))
        .then()
        .statusCode(200)
        .body("items", empty());
  }

  @Test
  void badLimitOrContinueIs400() {
    asAdmin().queryParam("limit", 0).get(path(ns, "pipelineconfigs")).then().statusCode(400);
    asAdmin().queryParam("limit", "ten").get(path(ns, "pipelineconfigs")).then().statusCode(400);
    asAdmin()
        .queryParam("continue", "not-a-token")
        .get(path(ns, "pipelineconfigs"))
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void getOfAMissingConfigIs404Problem() {
    asAdmin()
        .get(path(ns, "pipelineconfigs/nope"))
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("PipelineConfig \"nope\" not found in namespace " + ns));
  }

  @Test
  void replaceChangesTheSpecAndRefusesStaleVersionsAndOtherNames() {
    PipelineConfig created = Fixtures.config(ns, "webapp", Fixtures.spec(Fixtures.step("test")));
    String replaced = VALID.replace("go test ./...", "go vet ./...");
    asAdmin()
        .contentType("application/json")
        .body(replaced)
        .put(path(ns, "pipelineconfigs/webapp"))
        .then()
        .statusCode(200)
        .body("spec.steps[0].commands[0]", equalTo("go vet ./..."));

    String stale =
        replaced.replace(
            "{\"name\":\"webapp\"}",
            "{\"name\":\"webapp\",\"resourceVersion\":\""
                + created.getMetadata().getResourceVersion()
                + "\"}");
    asAdmin()
        .contentType("application/json")
        .body(stale)
        .put(path(ns, "pipelineconfigs/webapp"))
        .then()
        .statusCode(409);
    asAdmin()
        .contentType("application/json")
        .body(VALID)
        .put(path(ns, "pipelineconfigs/other"))
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("metadata.name"));
    asAdmin()
        .contentType("application/json")
        .body(VALID.replace("\"webapp\"", "\"ghost\""))
        .put(path(ns, "pipelineconfigs/ghost"))
        .then()
        .statusCode(404);
    asAdmin()
        .contentType("text/plain")
        .body(VALID)
        .put(path(ns, "pipelineconfigs/webapp"))
        .then()
        .statusCode(415);
    asAdmin()
        .contentType("application/json")
        .body("[]")
        .put(path(ns, "pipelineconfigs/webapp"))
        .then()
        .statusCode(400);
  }

  @Test
  void deleteRemovesAndASecondDeleteIs404() {
    Fixtures.config(ns, "webapp", Fixtures.spec(Fixtures.step("test")));
    asAdmin().delete(path(ns, "pipelineconfigs/webapp")).then().statusCode(204);
    asAdmin().delete(path(ns, "pipelineconfigs/webapp")).then().statusCode(404);
    asAdmin().get(path(ns, "pipelineconfigs")).then().body("items", hasSize(0));
  }
}
