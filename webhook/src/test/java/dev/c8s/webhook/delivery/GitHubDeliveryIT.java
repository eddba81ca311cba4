package dev.c8s.webhook.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.LastEvent;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.RunNames;
import dev.c8s.testing.JsonLogFile;
import dev.c8s.testing.SharedControlPlane;
import dev.c8s.webhook.Cluster;
import dev.c8s.webhook.ControlPlaneResource;
import dev.c8s.webhook.Deliveries;
import dev.c8s.webhook.Fixture;
import dev.c8s.webhook.Signer;
import dev.c8s.webhook.connection.ConnectionIndex;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GitHub pushes become PipelineRuns on a real API server; pings and other events do not. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class GitHubDeliveryIT {
  private static final String SHA = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";
  private final KubernetesClient client = ControlPlaneResource.admin();
  @Inject ConnectionIndex index;

  @TestHTTPResource("/webhooks/github")
  URL webhook;

  private Cluster cluster;
  private String ns;
  private String secret;

  @BeforeEach
  void connectRepository() {
    cluster = new Cluster(client, index);
    ns = SharedControlPlane.get(false).newNamespace("github");
    secret = "s3cret-" + UUID.randomUUID();
    cluster.webhookSecret(ns, "hook", secret);
    cluster.config(ns, "app-ci", "https://github.com/c8s-it/" + ns, spec -> {});
    cluster.connection(
        ns,
        "app",
        "https://github.com/c8s-it/" + ns + ".git",
        GitProvider.GITHUB,
        "hook",
        "app-ci");
  }

  private Fixture push() {
    return Fixture.of("github-push.json").replace("Codertocat/Hello-World", "c8s-it/" + ns);
  }

  private Response send(byte[] body, String event, String deliveryId) {
    return Deliveries.github(body, Signer.sha256(secret, body), event, deliveryId);
  }

  @Test
  void pushCreatesARunWithCommitBranchPusherTimeLabelsAndDeliveryId() {
    String delivery = UUID.randomUUID().toString();
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Response answer = send(push().set("/after", SHA.toUpperCase()).bytes(), "push", delivery);

    answer
        .then()
        .statusCode(201)
        .body("deliveryId", equalTo(delivery))
        .body("event", equalTo("push"))
        .body("runs.size()", equalTo(1))
        .body("runs[0].namespace", equalTo(ns))
        .body("runs[0].name", matchesPattern("app-ci-[0-9a-f]{10}"))
        .body("runs[0].pipelineConfig", equalTo("app-ci"))
        .body("runs[0].matrix", anEmptyMap());
    PipelineRun run = cluster.run(ns, answer.path("runs[0].name"));
    assertThat(run.getSpec().getCommit()).isEqualTo(SHA);
    assertThat(run.getSpec().getBranch()).isEqualTo("main");
    assertThat(run.getSpec().getTriggeredBy()).isEqualTo("Codertocat");
    assertThat(run.getSpec().getTriggeredAt()).isBetween(before, Instant.now());
    assertThat(run.getSpec().getPipelineConfigRef()).isEqualTo("app-ci");
    assertThat(run.getSpec().getMatrixIndex()).isNull();
    assertThat(run.getMetadata().getLabels())
        .containsEntry(C8s.LABEL_PIPELINE_CONFIG, "app-ci")
        .containsEntry(C8s.LABEL_MANAGED_BY, "c8s");
    assertThat(run.getMetadata().getAnnotations())
        .containsEntry(RunPlanner.DELIVERY_ANNOTATION, delivery);

    LastEvent last = cluster.connection(ns, "app").getStatus().getLastEvent();
    assertThat(last.getType()).isEqualTo("push");
    assertThat(last.getCommit()).isEqualTo(SHA);
    assertThat(last.getTimestamp()).isBetween(before, Instant.now());
  }

  @Test
  void lastEventAfterABurstOfConcurrentDeliveriesIsTheNewestDeliverysCommit() throws Exception {
    // Ten deliveries at once: their lastEvent writes are coalesced (LastEventRecorder) and race.
    try (ExecutorService senders = Executors.newFixedThreadPool(4)) {
      List<Future<Integer>> answers =
          IntStream.range(0, 10)
              .mapToObj(i -> commit(i))
              .map(c -> senders.submit(() -> send(push().set("/after", c).bytes())))
              .toList();
      for (Future<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(201);
      }
    }
    Instant newestAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String newest = commit(99);
    assertThat(send(push().set("/after", newest).bytes())).isEqualTo(201);

    // Held for two write intervals: no older event's write may land after the newest one's.
    await()
        .atMost(Duration.ofSeconds(15))
        .during(Duration.ofSeconds(2))
        .until(
            () ->
                newest.equals(
                    cluster.connection(ns, "app").getStatus().getLastEvent().getCommit()));
    LastEvent last = cluster.connection(ns, "app").getStatus().getLastEvent();
    assertThat(last.getType()).isEqualTo("push");
    assertThat(last.getTimestamp()).isAfterOrEqualTo(newestAt);
  }

  private static String commit(int i) {
    return String.format("%08x", i) + SHA.substring(8);
  }

  private int send(byte[] body) {
    return send(body, "push", UUID.randomUUID().toString()).statusCode();
  }

  @Test
  void theJsonLogLineOfADeliveryCarriesItsIdProviderComponentAndSourceLocation() {
    String delivery = UUID.randomUUID().toString();
    send(push().bytes(), "push", delivery).then().statusCode(201);

    JsonNode line =
        JsonLogFile.awaitLine(
            Path.of("target/webhook-log.json"), "request_id", delivery, "answered 201");

    assertThat(line.path("mdc").path("provider").asText()).isEqualTo("github");
    assertThat(line.path("component").asText()).isEqualTo("webhook");
    assertThat(line.path("level").asText()).isEqualTo("INFO");
    assertThat(line.path("sourceClassName").asText()).isEqualTo(DeliveryHandler.class.getName());
    assertThat(line.path("sourceLineNumber").asInt()).isPositive();
  }

  @Test
  void everyAnswerClosesTheConnectionSoNoDeliveryRidesAConnectionARolloutCloses() {
    send(push().bytes(), "push", UUID.randomUUID().toString())
        .then()
        .statusCode(201)
        .header("Connection", "close");
    // A delivery for no connected repository is refused, and its connection closed all the same.
    send("{}".getBytes(), "push", UUID.randomUUID().toString())
        .then()
        .statusCode(401)
        .header("Connection", "close");
  }

  @Test
  void aClientOfferingHttp2CleartextIsAnsweredOverHttp1AndItsConnectionClosed() throws Exception {
    // java.net.http asks for an h2c upgrade by default; a connection upgraded to HTTP/2 would be
    // kept for the next delivery, which a rollout's old pod could then close unanswered.
    byte[] body = push().bytes();
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(webhook.toURI())
                  .header("Content-Type", "application/json")
                  .header("X-Hub-Signature-256", Signer.sha256(secret, body))
                  .header("X-GitHub-Event", "push")
                  .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(201);
      assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(answer.headers().firstValue("Connection")).hasValue("close");
    }
  }

  @Test
  void redeliveryAnswersAsTheFirstDeliveryAndCreatesNoSecondRun() {
    byte[] body = push().bytes();
    String delivery = UUID.randomUUID().toString();
    Response first = send(body, "push", delivery);
    Response again = send(body, "push", delivery);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(first.statusCode());
    assertThat(again.asString()).isEqualTo(first.asString());
    assertThat(cluster.runs(ns)).hasSize(1);

    Response another = send(body, "push", UUID.randomUUID().toString());
    assertThat(another.statusCode()).isEqualTo(201);
    assertThat(another.<String>path("runs[0].name")).isNotEqualTo(first.path("runs[0].name"));
    assertThat(cluster.runs(ns)).hasSize(2);
  }

  @Test
  void runNameTakenByAnotherDeliverysRunFallsBackToALongerHash() {
    String delivery = UUID.randomUUID().toString();
    String name = RunNames.of("app-ci", delivery, "main", SHA, Map.of(), RunNames.HASH_LENGTH);
    PipelineRun squatter = new PipelineRun();
    squatter.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    squatter.setSpec(new PipelineRunSpec());
    squatter.getSpec().setPipelineConfigRef("app-ci");
    squatter.getSpec().setCommit("abcdef1234567");
    client.resource(squatter).create();

    Response answer = send(push().bytes(), "push", delivery);
    answer.then().statusCode(201).body("runs[0].name", matchesPattern("app-ci-[0-9a-f]{20}"));
    assertThat(send(push().bytes(), "push", delivery).asString()).isEqualTo(answer.asString());
    assertThat(cluster.runs(ns)).hasSize(2);
  }

  @Test
  void pingIsAnsweredAndRecordedWithoutARun() {
    byte[] body =
        Fixture.of("github-ping.json").replace("Codertocat/Hello-World", "c8s-it/" + ns).bytes();
    send(body, "ping", UUID.randomUUID().toString())
        .then()
        .statusCode(200)
        .body("event", equalTo("ping"))
        .body("reason", matchesPattern("pong.*"));
    assertThat(cluster.runs(ns)).isEmpty();
    LastEvent last = cluster.connection(ns, "app").getStatus().getLastEvent();
    assertThat(last.getType()).isEqualTo("ping");
    assertThat(last.getCommit()).isNull();
  }

  @Test
  void tagPushesBranchDeletionsAndOtherEventsAreAcceptedWithTheReasonTheyStartNothing() {
    send(push().set("/ref", "refs/tags/v1.0").bytes(), "push", UUID.randomUUID().toString())
        .then()
        .statusCode(202)
        .body("runs", empty())
        .body("reason", equalTo("tag push of v1.0: c8s builds branches only"));
    send(push().set("/deleted", true).set("/after", "0".repeat(40)).bytes(), "push", "d-del")
        .then()
        .statusCode(202)
        .body("reason", equalTo("deletion of branch main: nothing to build"));
    send(push().bytes(), "watch", "d-watch")
        .then()
        .statusCode(202)
        .body(
            "reason",
            equalTo(
                "event watch starts no run: c8s builds push and pull_request events and takes commands from issue_comment events"))
        .body("error", nullValue());
    assertThat(cluster.runs(ns)).isEmpty();
  }

  @Test
  void formEncodedDeliveryIsVerifiedOverTheFormAndReadFromItsPayloadField() {
    String json = new String(push().bytes(), StandardCharsets.UTF_8);
    String form = "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    given()
        .contentType("application/x-www-form-urlencoded")
        .header("X-GitHub-Event", "push")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", Signer.sha256(secret, form.getBytes(StandardCharsets.UTF_8)))
        .body(form)
        .post("/webhooks/github")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(201)
        .body("runs.size()", equalTo(1));
  }
}
