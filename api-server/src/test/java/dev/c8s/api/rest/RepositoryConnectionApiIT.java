package dev.c8s.api.rest;

import static dev.c8s.api.testing.Api.asAdmin;
import static dev.c8s.api.testing.Api.path;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.Fixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RepositoryConnection list, get, create and delete, mirroring the custom resource. */
@QuarkusTest
@WithTestResource(ApiServerResources.class)
class RepositoryConnectionApiIT {
  private static final String CONNECTION =
      """
      {"metadata":{"name":"webapp"},
       "spec":{"repository":"https://github.com/example/webapp.git","provider":"github",
        "webhookSecretRef":"webapp-webhook","authSecretRef":"webapp-git"}}
      """;

  private String ns;

  @BeforeEach
  void namespace() {
    ns = Fixtures.namespace("connections");
  }

  @Test
  void createGetListAndDelete() {
    asAdmin()
        .contentType("application/json")
        .body(CONNECTION)
        .post(path(ns, "repositoryconnections"))
        .then()
        .statusCode(201)
        .header("Location", containsString(path(ns, "repositoryconnections/webapp")))
        .body("kind", equalTo("RepositoryConnection"))
        .body("spec.provider", equalTo("github"))
        .body("spec.authSecretRef", equalTo("webapp-git"));
    asAdmin()
        .get(path(ns, "repositoryconnections/webapp"))
        .then()
        .statusCode(200)
        .body("spec.webhookSecretRef", equalTo("webapp-webhook"));
    asAdmin()
        .queryParam("limit", 5)
        .get(path(ns, "repositoryconnections"))
        .then()
        .statusCode(200)
        .body("kind", equalTo("RepositoryConnectionList"))
        .body("items.metadata.name", equalTo(List.of("webapp")));
    asAdmin().delete(path(ns, "repositoryconnections/webapp")).then().statusCode(204);
    asAdmin().delete(path(ns, "repositoryconnections/webapp")).then().statusCode(404);
    asAdmin().get(path(ns, "repositoryconnections/webapp")).then().statusCode(404);
  }

  @Test
  void createInANamespaceThatDoesNotExistIs404() {
    asAdmin()
        .contentType("application/json")
        .body(CONNECTION)
        .post(path(ns + "-missing", "repositoryconnections"))
        .then()
        .statusCode(404);
  }

  @Test
  void connectionWithoutWebhookSecretIsCreatedWithAWarning() {
    asAdmin()
        .contentType("application/json")
        .body(CONNECTION.replace("\"webhookSecretRef\":\"webapp-webhook\",", ""))
        .post(path(ns, "repositoryconnections"))
        .then()
        .statusCode(201)
        .header("Warning", containsString("spec.webhookSecretRef: no webhookSecretRef"));
  }

  @Test
  void unknownProviderIs422NamingTheAllowedValues() {
    asAdmin()
        .contentType("application/json")
        .body(CONNECTION.replace("\"github\"", "\"gogs\""))
        .post(path(ns, "repositoryconnections"))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("spec.provider"))
        .body("errors[0].expectedType", equalTo("one of github, gitlab, bitbucket, gitea"))
        .body("errors[0].actualValue", equalTo("gogs"));
  }

  @Test
  void invalidUrlIs422AndDuplicateIs409AndTextIs415() {
    asAdmin()
        .contentType("application/json")
        .body(CONNECTION.replace("https://github.com/example/webapp.git", "webapp"))
        .post(path(ns, "repositoryconnections"))
        .then()
        .statusCode(422)
        .body("errors.field", hasItem("spec.repository"));
    asAdmin()
        .contentType("application/json")
        .body(CONNECTION)
        .post(path(ns, "repositoryconnections"))
        .then()
        .statusCode(201);
    asAdmin()
        .contentType("application/json")
        .body(CONNECTION)
        .post(path(ns, "repositoryconnections"))
        .then()
        .statusCode(409);
    asAdmin()
        .contentType("text/plain")
        .body(CONNECTION)
        .post(path(ns, "repositoryconnections"))
        .then()
        .statusCode(415);
    asAdmin()
        .contentType("application/json")
        .body("{\"metadata\":")
        .post(path(ns, "repositoryconnections"))
        .then()
        .statusCode(400);
  }
}
