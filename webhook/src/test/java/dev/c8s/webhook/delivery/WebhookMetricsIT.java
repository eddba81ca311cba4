package dev.c8s.webhook.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Deliveries show up in the Prometheus metrics by provider, event and outcome. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class WebhookMetricsIT {
  private final KubernetesClient client = ControlPlaneResource.admin();
  @Inject ConnectionIndex index;

  private static double value(String metrics, String series) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static String scrape() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  @Test
  void eventsSignatureFailuresRunsAndLatencyAreCounted() {
    Cluster cluster = new Cluster(client, index);
    String ns = SharedControlPlane.get(false).newNamespace("metrics");
    cluster.webhookSecret(ns, "hook", "metrics-secret");
    cluster.config(ns, "app-ci", "https://github.com/c8s-it/" + ns, spec -> {});
    cluster.connection(
        ns, "app", "https://github.com/c8s-it/" + ns, GitProvider.GITHUB, "hook", "app-ci");
    String created =
        "c8s_webhook_events_total{event=\"push\",outcome=\"created\",provider=\"github\"}";
    String refused =
        "c8s_webhook_signature_failures_total{provider=\"github\",reason=\"signature_mismatch\"}";
    String runs = "c8s_webhook_runs_created_total{provider=\"github\"}";
    String latency = "c8s_webhook_handling_seconds_count{outcome=\"created\",provider=\"github\"}";
    String before = scrape();

    byte[] body =
        Fixture.of("github-push.json").replace("Codertocat/Hello-World", "c8s-it/" + ns).bytes();
    Deliveries.github(
            body, Signer.sha256("metrics-secret", body), "push", UUID.randomUUID().toString())
        .then()
        .statusCode(201);
    Deliveries.github(body, Signer.sha256("wrong", body), "push", "m-2").then().statusCode(401);

    String after = scrape();
    assertThat(value(after, created) - value(before, created)).isEqualTo(1);
    assertThat(value(after, refused) - value(before, refused)).isEqualTo(1);
    assertThat(value(after, runs) - value(before, runs)).isEqualTo(1);
    assertThat(value(after, latency) - value(before, latency)).isEqualTo(1);
    assertThat(after).contains("c8s_webhook_handling_seconds_bucket{");
  }
}
