package dev.c8s.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.Fixtures;
import dev.c8s.api.testing.Identities;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunIndexLabels;
import dev.c8s.model.v1alpha1.RunPhase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Runnable benchmark (not a test): get and list latency over 10,000 stored runs (two pipelines,
 * five phases, two branches, labelled as the controller labels them). Where the cluster selects
 * runs by field (Kubernetes >= 1.31, as here), the filters are field selectors; each row shows how
 * many runs the first page holds, so a filter that matches nothing cannot pass for a fast one.
 */
@QuarkusTest
@WithTestResource(ApiServerResources.Production.class)
class ApiServerBenchmark {
  // Its name matches neither surefire's nor failsafe's patterns. Run it with
  //   ./mvnw -B -o verify -pl common-model,cli,api-server -Dit.test=ApiServerBenchmark \
  //     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  //     -Dfailsafe.failIfNoSpecifiedTests=false -Dc8s.gitea.skip -Dc8s.kueue.skip \
  //     -Dc8s.node.skip=true [-Dc8s.bench.runs=10000]
  // and copy the printed table into docs/performance.md.

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RUNS = Integer.getInteger("c8s.bench.runs", 10_000);
  private static final int CLIENTS = 4;

  @TestHTTPResource("/")
  URL base;

  private final HttpClient http = HttpClient.newHttpClient();
  private String token;

  @Test
  void measure() throws Exception {
    String ns = Fixtures.namespace("bench");
    token = Identities.admin();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> creates = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        int n = i;
        RunPhase phase = RunPhase.values()[n % RunPhase.values().length];
        creates.add(
            pool.submit(
                () ->
                    labelled(
                        Fixtures.run(
                            ns,
                            String.format("bench-%05d", n),
                            n % 4 == 0 ? "api" : "webapp",
                            n % 2 == 0 ? "main" : "dev",
                            phase))));
      }
      for (Future<?> f : creates) {
        f.get();
      }
    }
    System.out.printf(
        Locale.ROOT, "stored %d runs in %.1f s%n", RUNS, (System.nanoTime() - start) / 1e9);

    String runs = "api/v1/namespaces/" + ns + "/pipelineruns";
    List<String> rows = new ArrayList<>();
    rows.add(scenario("GET run", 2_000, i -> runs + String.format("/bench-%05d", i % RUNS)));
    rows.add(scenario("GET list limit=100", 500, i -> runs + "?limit=100"));
    rows.add(scenario("GET list limit=100, one client", 300, 1, i -> runs + "?limit=100"));
    rows.add(scenario("GET list limit=500", 200, i -> runs + "?limit=500"));
    rows.add(
        scenario(
            "GET list phase=Failed limit=100 (selected by Kubernetes)",
            500,
            i -> runs + "?limit=100&phase=Failed"));
    rows.add(
        scenario(
            "GET list phase=Failed limit=100 (selected by Kubernetes), one client",
            300,
            1,
            i -> runs + "?limit=100&phase=Failed"));
    rows.add(
        scenario(
            "GET list pipelineConfig=api&phase=Failed limit=100 (selected by Kubernetes)",
            500,
            i -> runs + "?limit=100&pipelineConfig=api&phase=Failed"));
    rows.add(
        scenario(
            "GET list pipelineConfig=api&phase=Failed limit=100 (selected by Kubernetes), one client",
            300,
            1,
            i -> runs + "?limit=100&pipelineConfig=api&phase=Failed"));
    rows.add(
        scenario(
            "GET list phase=Failed&branch=main limit=100 (Kubernetes selects all of it)",
            200,
            i -> runs + "?limit=100&phase=Failed&branch=main"));
    System.out.println(
        "| scenario | runs in a page | requests | clients | p50 ms | p99 ms | requests/s |");
    System.out.println("|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
  }

  /** Adds the index labels the controller keeps on every run. */
  private static PipelineRun labelled(PipelineRun run) {
    return Fixtures.kube()
        .resource(run)
        .edit(
            r -> {
              r.getMetadata()
                  .getLabels()
                  .putAll(
                      RunIndexLabels.wanted(
                          r, r.getStatus() == null ? null : r.getStatus().getPhase()));
              return r;
            });
  }

  private String scenario(String name, int requests, IntFunction<String> path) throws Exception {
    return scenario(name, requests, CLIENTS, path);
  }

  private String scenario(String name, int requests, int clients, IntFunction<String> path)
      throws Exception {
    int pageSize = itemsIn(path.apply(0));
    for (int i = 0; i < Math.min(100, requests); i++) {
      call(path.apply(i));
    }
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        int n = i;
        calls.add(pool.submit(() -> latencies.add(call(path.apply(n)))));
      }
      for (Future<?> f : calls) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return String.format(
        Locale.ROOT,
        "| %s | %s | %d | %d | %.1f | %.1f | %.0f |",
        name,
        pageSize < 0 ? "–" : Integer.toString(pageSize),
        requests,
        clients,
        percentile(sorted, 0.50) / 1e6,
        percentile(sorted, 0.99) / 1e6,
        requests / seconds);
  }

  /** How many runs a list answers with, or -1 for a single run. */
  private int itemsIn(String path) throws Exception {
    JsonNode items = JSON.readTree(get(path).body()).get("items");
    return items == null ? -1 : items.size();
  }

  private long call(String path) {
    try {
      long t0 = System.nanoTime();
      HttpResponse<byte[]> response = get(path);
      long elapsed = System.nanoTime() - t0;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode());
      }
      return elapsed;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static long percentile(List<Long> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }
}
