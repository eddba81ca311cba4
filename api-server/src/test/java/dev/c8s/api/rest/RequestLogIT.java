package dev.c8s.api.rest;

import static dev.c8s.api.testing.Api.anonymous;
import static dev.c8s.api.testing.Api.as;
import static dev.c8s.api.testing.Api.path;
import static dev.c8s.api.testing.Identities.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.Fixtures;
import dev.c8s.api.testing.Identities;
import dev.c8s.testing.JsonLogFile;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every API request has an id: echoed to the client and carried by its JSON log lines. */
@QuarkusTest
@WithTestResource(ApiServerResources.class)
class RequestLogIT {
  private static final Path LOG = Path.of("target/api-server-log.json");

  @Test
  void aClientsRequestIdIsEchoedAndItsJsonLogLineNamesItTheCallerAndTheSourceLocation() {
    String ns = Fixtures.namespace("reqlog");
    String viewer =
        Identities.withRules(ns, "viewer", List.of(rule(List.of("pipelineruns"), "list")));
    String id = "client-" + UUID.randomUUID();

    String echoed =
        as(viewer)
            .header(RequestLog.HEADER, id)
            .get(path(ns, "pipelineruns"))
            .then()
            .statusCode(200)
            .extract()
            .header(RequestLog.HEADER);

    assertThat(echoed).isEqualTo(id);
    JsonNode line = logLineOf(id);
    assertThat(line.path("message").asText())
        .contains("GET /api/v1/namespaces/" + ns + "/pipelineruns answered 200")
        .contains("system:serviceaccount:" + ns + ":viewer");
    assertThat(line.path("component").asText()).isEqualTo("api-server");
    assertThat(line.path("sourceClassName").asText()).isEqualTo(RequestLog.class.getName());
    assertThat(line.path("sourceLineNumber").asInt()).isPositive();
  }

  @Test
  void aRefusedRequestWithoutAUsableIdGetsOneOfItsOwn() {
    String unusable = "has spaces and \"quotes\"";

    String echoed =
        anonymous()
            .header(RequestLog.HEADER, unusable)
            .get(path("default", "pipelineruns"))
            .then()
            .statusCode(401)
            .extract()
            .header(RequestLog.HEADER);

    assertThat(echoed).isNotEqualTo(unusable).matches("[0-9a-f-]{36}");
    assertThat(logLineOf(echoed).path("message").asText())
        .contains("answered 401")
        .contains("(not authenticated)");
  }

  private static JsonNode logLineOf(String requestId) {
    return JsonLogFile.awaitLine(LOG, RequestLog.REQUEST_ID, requestId, "answered");
  }
}
