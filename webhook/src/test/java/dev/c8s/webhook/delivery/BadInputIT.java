package dev.c8s.webhook.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.testing.SharedControlPlane;
import dev.c8s.webhook.Cluster;
import dev.c8s.webhook.ControlPlaneResource;
import dev.c8s.webhook.Deliveries;
import dev.c8s.webhook.Fixture;
import dev.c8s.webhook.RawHttp;
import dev.c8s.webhook.Signer;
import dev.c8s.webhook.connection.ConnectionIndex;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Garbage is answered 401, 400 or 413 with JSON, never 500, and starts nothing. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class BadInputIT {
  private static final int LIMIT = 25 * 1024 * 1024;
  private final KubernetesClient client = ControlPlaneResource.admin();
  @Inject ConnectionIndex index;
  private Cluster cluster;
  private String ns;
  private String secret;
  private String repoJson;

  @BeforeEach
  void connectRepository() {
    cluster = new Cluster(client, index);
    ns = SharedControlPlane.get(false).newNamespace("bad");
    secret = "s3cret-" + UUID.randomUUID();
    cluster.webhookSecret(ns, "hook", secret);
    cluster.config(ns, "app-ci", "https://github.com/c8s-it/" + ns, spec -> {});
    cluster.connection(
        ns, "app", "https://github.com/c8s-it/" + ns, GitProvider.GITHUB, "hook", "app-ci");
    repoJson = "{\"repository\":{\"html_url\":\"https://github.com/c8s-it/" + ns + "\"}";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private Response signed(byte[] body, String deliveryId) {
    return Deliveries.github(body, Signer.sha256(secret, body), "push", deliveryId);
  }

  @Test
  void garbageThatNoSecretCanVerifyIsRefusedOnEveryEndpoint() {
    byte[] random = new byte[4096];
    new Random(42).nextBytes(random);
    List<byte[]> garbage =
        List.of(
            new byte[0],
            utf8("not json at all"),
            utf8("[1,2,3]"),
            utf8("null"),
            random,
            new byte[] {(byte) 0xc3, (byte) 0x28, '{', '}'},
            utf8("[".repeat(200_000)),
            utf8("{\"repository\":{\"html_url\":\"" + "x".repeat(1_000_000) + "\"}}"),
            utf8(repoJson + ",\"ref\":"));
    for (byte[] body : garbage) {
      for (String provider : List.of("github", "gitlab", "bitbucket")) {
        given()
            .contentType("application/json")
            .header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
            .header("X-Hub-Signature", "sha256=" + "0".repeat(64))
            .header("X-Gitlab-Token", "guess")
            .body(body)
            .post("/webhooks/" + provider)
            .then()
            .statusCode(401)
            .contentType("application/json");
      }
    }
    assertThat(cluster.runs(ns)).isEmpty();
  }

  @Test
  void verifiedButBrokenJsonIs400WithWhereItBroke() {
    signed(utf8(repoJson + ",\"ref\":"), "d-1")
        .then()
        .statusCode(400)
        .contentType("application/json")
        .body("deliveryId", equalTo("d-1"))
        .body("error", containsString("the payload is not valid JSON"))
        .body("error", containsString("line 1"));
    signed(utf8(repoJson + ",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"), "d-2")
        .then()
        .statusCode(400);
    assertThat(cluster.runs(ns)).isEmpty();
  }

  @Test
  void verifiedPushWithoutUsableFieldsIs400NamingTheField() {
    Fixture push = Fixture.of("github-push.json").replace("Codertocat/Hello-World", "c8s-it/" + ns);
    signed(push.set("/ref", 12).bytes(), "d-3")
        .then()
        .statusCode(400)
        .body("error", equalTo("ref: not a string"));
    signed(push.set("/ref", "refs/heads/main").set("/after", "not-a-sha").bytes(), "d-4")
        .then()
        .statusCode(400)
        .body("error", containsString("spec.commit: commit \"not-a-sha\" is not a commit SHA"));
    signed(push.set("/after", "abc123def4567890").bytes(), "x".repeat(200))
        .then()
        .statusCode(400)
        .body("error", containsString("delivery id"));
    assertThat(cluster.runs(ns)).isEmpty();
  }

  @Test
  void bodyOverTheLimitIsRefusedWithJson413WhetherAnnouncedOrChunked() throws Exception {
    String announced =
        RawHttp.exchange(
            RestAssured.port,
            "POST /webhooks/github HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + (LIMIT + 1)
                + "\r\n\r\n",
            0);
    String chunked =
        RawHttp.exchange(
            RestAssured.port,
            "POST /webhooks/gitlab HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n",
            LIMIT + 1L);
    for (String answer : List.of(announced, chunked)) {
      assertThat(answer)
          .startsWith("HTTP/1.1 413")
          .containsIgnoringCase("content-type: application/json")
          .contains("{\"error\":\"the body is larger than 26214400 bytes");
    }
  }

  @Test
  void bodyOfExactlyTheLimitIsRead() {
    given()
        .contentType("application/json")
        .header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
        .body(new byte[LIMIT])
        .post("/webhooks/github")
        .then()
        .statusCode(401);
  }
}
