package dev.c8s.webhook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.testing.SharedControlPlane;
import dev.c8s.webhook.Cluster;
import dev.c8s.webhook.ControlPlaneResource;
import dev.c8s.webhook.Fixture;
import dev.c8s.webhook.Signer;
import dev.c8s.webhook.connection.ConnectionIndex;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Benchmark runner: N signed GitHub pushes, events/s and p50/p99 until the run is stored; then the
 * same runs created by a plain client, the API server's own ceiling on the machine.
 */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class WebhookBenchmark {
  // Named neither *Test nor *IT, so only an explicit -Dit.test=WebhookBenchmark runs it; the
  // command and the recorded figures are in docs/performance.md.
  private static final int EVENTS = Integer.getInteger("c8s.bench.events", 500);
  private static final int CONCURRENCY = Integer.getInteger("c8s.bench.concurrency", 8);
  private static final int WARMUP = Integer.getInteger("c8s.bench.warmup", 50);

  @TestHTTPResource("/webhooks/github")
  URI endpoint;

  private final KubernetesClient client = ControlPlaneResource.admin();
  @Inject ConnectionIndex index;

  @Test
  void signedPushesToStoredRuns() throws Exception {
    Cluster cluster = new Cluster(client, index);
    String ns = SharedControlPlane.get(false).newNamespace("bench");
    cluster.webhookSecret(ns, "hook", "bench-secret");
    cluster.config(ns, "app-ci", "https://github.com/c8s-bench/" + ns, spec -> {});
    cluster.connection(
        ns, "app", "https://github.com/c8s-bench/" + ns, GitProvider.GITHUB, "hook", "app-ci");
    Fixture push =
        Fixture.of("github-push.json").replace("Codertocat/Hello-World", "c8s-bench/" + ns);

    try (HttpClient http = HttpClient.newHttpClient();
        ExecutorService senders = Executors.newFixedThreadPool(CONCURRENCY)) {
      run(http, senders, push, WARMUP);
      long started = System.nanoTime();
      List<Long> latencies = run(http, senders, push, EVENTS);
      double seconds = (System.nanoTime() - started) / 1e9;
      List<PipelineRun> stored = cluster.runs(ns);
      assertThat(stored).hasSize(WARMUP + EVENTS);
      // The API server's own ceiling: the same runs created by a plain client, no webhook.
      String direct = SharedControlPlane.get(false).newNamespace("bench-direct");
      createDirectly(senders, template(stored.get(0), direct), WARMUP);
      long directStarted = System.nanoTime();
      List<Long> plain = createDirectly(senders, template(stored.get(0), direct), EVENTS);
      double directSeconds = (System.nanoTime() - directStarted) / 1e9;
      Collections.sort(latencies);
      Collections.sort(plain);
      String report =
          String.format(
              "webhook benchmark: %d signed GitHub pushes, %d concurrent senders, %d warm-up%n"
                  + "  webhook:      %.1f events/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms (answer = run stored)%n"
                  + "  plain client: %.1f runs/s,   p50 %.1f ms, p99 %.1f ms, max %.1f ms (the same runs created directly)%n",
              EVENTS,
              CONCURRENCY,
              WARMUP,
              EVENTS / seconds,
              percentile(latencies, 50),
              percentile(latencies, 99),
              latencies.get(latencies.size() - 1) / 1e6,
              EVENTS / directSeconds,
              percentile(plain, 50),
              percentile(plain, 99),
              plain.get(plain.size() - 1) / 1e6);
      System.out.print(report);
      Files.writeString(Path.of("target", "webhook-benchmark.txt"), report);
    }
  }

  /** A run as the webhook stored it, to be created again under a generated name in {@code ns}. */
  private static PipelineRun template(PipelineRun stored, String ns) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(ns)
            .withGenerateName(stored.getMetadata().getName() + "-")
            .withLabels(stored.getMetadata().getLabels())
            .withAnnotations(stored.getMetadata().getAnnotations())
            .build());
    run.setSpec(stored.getSpec());
    return run;
  }

  /** Creates {@code count} copies of {@code run} from the senders; each create's latency. */
  private List<Long> createDirectly(ExecutorService senders, PipelineRun run, int count)
      throws Exception {
    List<Future<Long>> pending = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      PipelineRun copy = client.getKubernetesSerialization().clone(run);
      pending.add(
          senders.submit(
              () -> {
                long sent = System.nanoTime();
                client.resource(copy).create();
                return System.nanoTime() - sent;
              }));
    }
    List<Long> latencies = new ArrayList<>();
    for (Future<Long> answer : pending) {
      latencies.add(answer.get());
    }
    return latencies;
  }

  private List<Long> run(HttpClient http, ExecutorService senders, Fixture push, int count)
      throws Exception {
    Random random = new Random(count);
    List<Future<Long>> pending = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] sha = new byte[20];
      random.nextBytes(sha);
      byte[] body = push.set("/after", HexFormat.of().formatHex(sha)).bytes();
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .header("Content-Type", "application/json")
              .header("X-GitHub-Event", "push")
              .header("X-GitHub-Delivery", UUID.randomUUID().toString())
              .header("X-Hub-Signature-256", Signer.sha256("bench-secret", body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      pending.add(
          senders.submit(
              () -> {
                long sent = System.nanoTime();
                HttpResponse<String> answer =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - sent;
                if (answer.statusCode() != 201) {
                  throw new IllegalStateException(answer.statusCode() + " " + answer.body());
                }
                return took;
              }));
    }
    List<Long> latencies = new ArrayList<>();
    for (Future<Long> answer : pending) {
      latencies.add(answer.get());
    }
    return latencies;
  }

  private static double percentile(List<Long> sorted, int p) {
    int at = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, at)) / 1e6;
  }
}
