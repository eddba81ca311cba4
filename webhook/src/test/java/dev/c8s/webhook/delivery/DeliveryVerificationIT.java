package dev.c8s.webhook.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.testing.SharedControlPlane;
import dev.c8s.webhook.Cluster;
import dev.c8s.webhook.ControlPlaneResource;
import dev.c8s.webhook.Deliveries;
import dev.c8s.webhook.Fixture;
import dev.c8s.webhook.Signer;
import dev.c8s.webhook.connection.ConnectionIndex;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Unverifiable deliveries start nothing and all get the same 401, revealing nothing. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class DeliveryVerificationIT {
  private final KubernetesClient client = ControlPlaneResource.admin();
  @Inject ConnectionIndex index;
  private Cluster cluster;
  private String ns;
  private String repo;
  private String secret;

  @BeforeEach
  void connectRepository() {
    cluster = new Cluster(client, index);
    ns = SharedControlPlane.get(false).newNamespace("verify");
    repo = "c8s-it/" + ns;
    secret = "s3cret-" + UUID.randomUUID();
    cluster.webhookSecret(ns, "hook", secret);
    cluster.config(ns, "app-ci", "https://github.com/" + repo, spec -> {});
    cluster.connection(
        ns, "app", "ssh://git@github.com/" + repo + ".git", GitProvider.GITHUB, "hook", "app-ci");
  }

  private byte[] push(String repository) {
    return Fixture.of("github-push.json").replace("Codertocat/Hello-World", repository).bytes();
  }

  private Response unknownRepositoryAnswer() {
    byte[] body = push("c8s-it/never-connected-" + UUID.randomUUID());
    return Deliveries.github(body, Signer.sha256(secret, body), "push", "d-unknown");
  }

  private void refusedLikeAnUnknownRepository(Response answer) {
    answer.then().statusCode(401).contentType("application/json");
    assertThat(answer.asString()).isEqualTo(unknownRepositoryAnswer().asString());
    assertThat(cluster.runs(ns)).isEmpty();
  }

  @Test
  void unknownRepositoryIsRefused() {
    unknownRepositoryAnswer()
        .then()
        .statusCode(401)
        .body("error", equalTo(DeliveryAnswer.UNAUTHORIZED.error()));
  }

  @Test
  void signatureMadeWithAnotherSecretIsRefused() {
    byte[] body = push(repo);
    refusedLikeAnUnknownRepository(
        Deliveries.github(body, Signer.sha256("not-the-secret", body), "push", "d-wrong"));
  }

  @Test
  void bodyChangedAfterSigningIsRefused() {
    byte[] body = push(repo);
    String signature = Signer.sha256(secret, body);
    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("refs/heads/main", "refs/heads/prod")
            .getBytes(StandardCharsets.UTF_8);
    refusedLikeAnUnknownRepository(Deliveries.github(tampered, signature, "push", "d-tampered"));
  }

  @Test
  void missingOrEmptySignatureHeaderIsRefused() {
    byte[] body = push(repo);
    refusedLikeAnUnknownRepository(Deliveries.github(body, null, "push", "d-unsigned"));
    refusedLikeAnUnknownRepository(Deliveries.github(body, "", "push", "d-empty"));
    refusedLikeAnUnknownRepository(Deliveries.github(body, "sha256=", "push", "d-blank"));
  }

  @Test
  void gitlabTokenOnTheGithubEndpointIsRefused() {
    byte[] body = push(repo);
    refusedLikeAnUnknownRepository(
        given()
            .contentType("application/json")
            .header("X-GitHub-Event", "push")
            .header("X-Gitlab-Token", secret)
            .body(body)
            .post("/webhooks/github"));
  }

  @Test
  void eachOfTwoNamespacesOnOneRepositoryOnlyGetsTheDeliveriesItsOwnSecretSigned() {
    String other = SharedControlPlane.get(false).newNamespace("verify-other");
    String otherSecret = "other-" + UUID.randomUUID();
    cluster.webhookSecret(other, "hook", otherSecret);
    cluster.config(other, "other-ci", "https://github.com/" + repo, spec -> {});
    cluster.connection(
        other, "app", "https://GitHub.com/" + repo, GitProvider.GITHUB, "hook", "other-ci");
    byte[] body = push(repo);

    Deliveries.github(body, Signer.sha256(secret, body), "push", "d-a")
        .then()
        .statusCode(201)
        .body("runs.size()", equalTo(1))
        .body("runs[0].namespace", equalTo(ns));
    assertThat(cluster.runs(ns)).hasSize(1);
    assertThat(cluster.runs(other)).isEmpty();

    Deliveries.github(body, Signer.sha256(otherSecret, body), "push", "d-b")
        .then()
        .statusCode(201)
        .body("runs[0].namespace", equalTo(other))
        .body("runs[0].pipelineConfig", equalTo("other-ci"));
    assertThat(cluster.runs(ns)).hasSize(1);
    assertThat(cluster.runs(other)).hasSize(1);
  }

  @Test
  void connectionWithoutItsSecretRefusesEverything() {
    String bare = SharedControlPlane.get(false).newNamespace("verify-bare");
    String bareRepo = "c8s-it/" + bare;
    cluster.config(bare, "app-ci", "https://github.com/" + bareRepo, spec -> {});
    cluster.connection(
        bare, "app", "https://github.com/" + bareRepo, GitProvider.GITHUB, "missing", "app-ci");
    byte[] body = push(bareRepo);
    Deliveries.github(body, Signer.sha256("a-guess", body), "push", "d-bare")
        .then()
        .statusCode(401);
    assertThat(cluster.runs(bare)).isEmpty();
  }
}
