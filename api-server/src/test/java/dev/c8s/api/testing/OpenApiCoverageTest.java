package dev.c8s.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.api.testing.ApiCoverage.Exchange;
import dev.c8s.api.testing.OpenApiCoverage.Documented;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The coverage check itself: it must report what no exchange produced. */
class OpenApiCoverageTest {
  private static final String RUN = "/api/v1/namespaces/{namespace}/pipelineruns/{name}";
  private static final String CANCEL = RUN + "/cancel";
  private static final String FILE =
      "/api/v1/namespaces/{namespace}/pipelineruns/{name}/steps/{step}/artifacts/{path}";

  private final List<Documented> documented =
      OpenApiCoverage.documented(
          Map.of(
              RUN, Map.of("get", Map.of("responses", Map.of("200", Map.of(), "404", Map.of()))),
              CANCEL, Map.of("post", Map.of("responses", Map.of("202", Map.of()))),
              FILE, Map.of("get", Map.of("responses", Map.of("200", Map.of())))));

  @Test
  void reportsEveryResponseNoExchangeProduced() {
    Set<Exchange> seen = Set.of(new Exchange("GET", "/api/v1/namespaces/a/pipelineruns/r", 200));
    assertThat(OpenApiCoverage.missing(documented, seen, Set.of()))
        .containsExactlyInAnyOrder(
            "GET " + FILE + " -> 200", "GET " + RUN + " -> 404", "POST " + CANCEL + " -> 202");
  }

  @Test
  void subresourcePathsDoNotCountForTheirParentAndNestedFilePathsMatch() {
    Set<Exchange> seen =
        Set.of(
            new Exchange("GET", "/api/v1/namespaces/a/pipelineruns/r/cancel", 404),
            new Exchange("POST", "/api/v1/namespaces/a/pipelineruns/r/cancel", 202),
            new Exchange(
                "GET", "/api/v1/namespaces/a/pipelineruns/r/steps/s/artifacts/dist/app", 200));
    assertThat(OpenApiCoverage.missing(documented, seen, Set.of()))
        .containsExactly("GET " + RUN + " -> 200", "GET " + RUN + " -> 404");
  }

  @Test
  void exemptResponsesAreNotReported() {
    assertThat(OpenApiCoverage.missing(documented, Set.of(), Set.copyOf(documented))).isEmpty();
  }
}
