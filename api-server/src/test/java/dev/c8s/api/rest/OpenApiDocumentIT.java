package dev.c8s.api.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.api.testing.ApiCoverage;
import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.OpenApiCoverage;
import dev.c8s.api.testing.OpenApiCoverage.Documented;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The OpenAPI document against the implementation, checked after all other ITs. */
@QuarkusTest
@WithTestResource(ApiServerResources.class)
@Order(Integer.MAX_VALUE)
class OpenApiDocumentIT {
  // Ordered last (failsafe passes the class orderer, see pom.xml); fails for every documented
  // response no test produced, and for operations that break the document's conventions.

  private static final String LIST_CONFIGS = "/api/v1/namespaces/{namespace}/pipelineconfigs";
  private static final String LIST_RUNS = "/api/v1/namespaces/{namespace}/pipelineruns";
  private static final String LIST_CONNECTIONS =
      "/api/v1/namespaces/{namespace}/repositoryconnections";

  /**
   * Responses no test here can produce: an expired continue token needs etcd to compact the version
   * it names, which takes minutes of the API server's own schedule.
   */
  private static final Set<Documented> NOT_PRODUCIBLE =
      Set.of(
          new Documented("GET", LIST_CONFIGS, 410),
          new Documented("GET", LIST_RUNS, 410),
          new Documented("GET", LIST_CONNECTIONS, 410));

  private Map<String, Object> paths() {
    return given().get("/q/openapi?format=json").then().statusCode(200).extract().path("paths");
  }

  @Test
  void everyDocumentedResponseWasProducedByATest() {
    List<Documented> documented = OpenApiCoverage.documented(paths());
    assertThat(documented).hasSizeGreaterThan(80);
    assertThat(OpenApiCoverage.missing(documented, ApiCoverage.seen(), NOT_PRODUCIBLE))
        .as("documented responses that no IT produced")
        .isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyOperationFollowsTheDocumentsConventions() {
    SoftAssertions softly = new SoftAssertions();
    Pattern param = Pattern.compile("\\{([^}]+)}");
    paths()
        .forEach(
            (template, item) ->
                ((Map<String, Object>) item)
                    .forEach(
                        (method, value) -> {
                          if (!(value instanceof Map<?, ?>)) {
                            return;
                          }
                          Map<String, Object> op = (Map<String, Object>) value;
                          String at = method + " " + template;
                          softly.assertThat(op.get("operationId")).as(at).isNotNull();
                          softly.assertThat(op.get("summary")).as(at).isNotNull();
                          softly.assertThat(op.get("security")).as(at).isNotNull();
                          Map<String, Object> responses = (Map<String, Object>) op.get("responses");
                          softly.assertThat(responses).as(at).containsKeys("400", "401", "403");
                          responses.forEach(
                              (code, response) -> {
                                if (code.startsWith("4")) {
                                  softly
                                      .assertThat(
                                          (Map<String, Object>)
                                              ((Map<String, Object>) response).get("content"))
                                      .as(at + " " + code)
                                      .containsOnlyKeys("application/problem+json");
                                }
                              });
                          List<Map<String, Object>> parameters =
                              (List<Map<String, Object>>) op.get("parameters");
                          Matcher names = param.matcher(template);
                          while (names.find()) {
                            String name = names.group(1);
                            softly
                                .assertThat(parameters)
                                .as(at + " declares required path parameter " + name)
                                .anyMatch(
                                    p ->
                                        name.equals(p.get("name"))
                                            && "path".equals(p.get("in"))
                                            && Boolean.TRUE.equals(p.get("required")));
                          }
                        }));
    softly.assertAll();
  }
}
