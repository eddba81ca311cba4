package dev.c8s.webhook.delivery;

import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook keeps a connection's secret for a while (WebhookSecrets), yet a rotated secret works
 * at once and a deleted Secret stops deliveries once the keeping time has passed.
 */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class WebhookSecretLifecycleIT {
  // A test profile cannot shorten it: it rebuilds the application, and the Kubernetes client's
  // settings from ControlPlaneResource are fixed at build time. %test in application.properties.
  @ConfigProperty(name = "c8s.webhook.secret-cache-ttl")
  Duration keep;

  private final KubernetesClient client = ControlPlaneResource.admin();
  @Inject ConnectionIndex index;
  private String ns;
  private String secret;

  @BeforeEach
  void connectRepository() {
    Cluster cluster = new Cluster(client, index);
    ns = SharedControlPlane.get(false).newNamespace("secret-life");
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

  private Response pushSignedWith(String value) {
    byte[] body =
        Fixture.of("github-push.json").replace("Codertocat/Hello-World", "c8s-it/" + ns).bytes();
    return Deliveries.github(
        body, Signer.sha256(value, body), "push", UUID.randomUUID().toString());
  }

  @Test
  void rotatedSecretIsAcceptedFromItsFirstDeliveryAndTheOldOneIsRefusedAfterIt() {
    // The old value is now kept by the webhook.
    pushSignedWith(secret).then().statusCode(201);

    String rotated = "rotated-" + UUID.randomUUID();
    client
        .secrets()
        .inNamespace(ns)
        .withName("hook")
        .edit(
            s -> {
              s.setData(null);
              s.setStringData(Map.of(WebhookSecrets.KEY, rotated));
              return s;
            });

    pushSignedWith(rotated).then().statusCode(201);
    // The rotated value replaced the kept one, so the old secret no longer verifies.
    pushSignedWith(secret).then().statusCode(401);
  }

  @Test
  void deletedSecretRefusesDeliveriesOnceTheKeepingTimeHasPassed() {
    // The value is now kept by the webhook.
    pushSignedWith(secret).then().statusCode(201);

    client.secrets().inNamespace(ns).withName("hook").delete();

    // Within the keeping time the kept value may still verify: await its end, plus slack for a
    // loaded machine, never longer.
    await()
        .pollInterval(Duration.ofMillis(100))
        .atMost(keep.plusSeconds(5))
        .until(() -> pushSignedWith(secret).statusCode() == 401);
    // For good: the Secret is read again and found missing, not kept.
    pushSignedWith(secret).then().statusCode(401);
  }
}
