package dev.c8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.LastEvent;
import dev.c8s.testing.ApiAudit;
import dev.c8s.testing.ServiceIdentities.Service;
import dev.c8s.testing.SharedControlPlane;
import dev.c8s.webhook.Cluster;
import dev.c8s.webhook.ControlPlaneResource;
import dev.c8s.webhook.Deliveries;
import dev.c8s.webhook.Fixture;
import dev.c8s.webhook.Signer;
import dev.c8s.webhook.connection.ConnectionIndex;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes API calls a burst of push deliveries to one connection costs the webhook, as the
 * API server's audit log counts them; the budget is explained in docs/performance.md ("API calls
 * per delivery").
 */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class ApiCallBudgetIT {
  private static final Logger LOG = Logger.getLogger(ApiCallBudgetIT.class);
  private static final int DELIVERIES = 20;

  // The budget (docs/performance.md, "API calls per delivery"): per delivery, one PipelineRun
  // create and nothing
  // else that grows with the deliveries. The Secret is read once per keeping time
  // (c8s.webhook.secret-cache-ttl), the PipelineConfig comes from the watch cache (one get when
  // the cache has not seen it yet), and status.lastEvent is patched once at once, then at most
  // once per c8s.webhook.last-event-interval, plus the trailing flush of the burst.
  static final int RUN_CREATES_PER_DELIVERY = 1;
  static final int SECRET_GETS_PER_KEEPING_TIME = 1;
  static final int MAX_CONFIG_GETS = 1;
  static final int STATUS_PATCHES_AT_ONCE_AND_TRAILING = 2;
  static final double MAX_CALLS_PER_DELIVERY = 1.5;

  static final String RUN_CREATES = "create pipelineruns";
  static final String SECRET_GETS = "get secrets";
  static final String CONFIG_GETS = "get pipelineconfigs";
  static final String STATUS_PATCHES = "patch repositoryconnections/status";

  @Inject ConnectionIndex index;

  @ConfigProperty(name = "c8s.webhook.secret-cache-ttl", defaultValue = "10s")
  Duration secretKeep;

  @ConfigProperty(name = "c8s.webhook.last-event-interval", defaultValue = "1s")
  Duration lastEventInterval;

  @Test
  void aBurstOfPushesCostsOneRunCreatePerDeliveryAndAFewSharedReads() {
    String ns = SharedControlPlane.get(false).newNamespace("budget");
    String secret = "s3cret-" + UUID.randomUUID();
    Cluster cluster = new Cluster(ControlPlaneResource.admin(), index);
    cluster.webhookSecret(ns, "hook", secret);
    cluster.config(ns, "app-ci", "https://github.com/c8s-it/" + ns, spec -> {});
    cluster.connection(
        ns,
        "app",
        "https://github.com/c8s-it/" + ns + ".git",
        GitProvider.GITHUB,
        "hook",
        "app-ci");
    Fixture push = Fixture.of("github-push.json").replace("Codertocat/Hello-World", "c8s-it/" + ns);
    ApiAudit audit = SharedControlPlane.get(false).audit();
    String webhook = Service.WEBHOOK.userName();

    long started = System.nanoTime();
    String lastCommit = null;
    for (int i = 0; i < DELIVERIES; i++) {
      lastCommit = commit(i);
      byte[] body = push.set("/after", lastCommit).bytes();
      Deliveries.github(body, Signer.sha256(secret, body), "push", UUID.randomUUID().toString())
          .then()
          .statusCode(201);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> audit.countsBy(webhook, ns).getOrDefault(RUN_CREATES, 0) >= DELIVERIES);
    // The burst's trailing lastEvent patch is part of its cost: count it too.
    String newest = lastCommit;
    await()
        .atMost(lastEventInterval.plusSeconds(10))
        .until(() -> newest.equals(lastCommitOf(cluster, ns)));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Map<String, Integer> counts = audit.countsBy(webhook, ns);

    String shown =
        String.format(
            "webhook API calls in %s for %d deliveries in %d ms: %s",
            ns, DELIVERIES, took.toMillis(), counts);
    // The figures docs/performance.md records come from this line.
    LOG.info(shown);
    assertThat(counts.keySet())
        .as(shown)
        .isSubsetOf(Set.of(RUN_CREATES, SECRET_GETS, CONFIG_GETS, STATUS_PATCHES));
    assertThat(counts.get(RUN_CREATES)).as(shown).isEqualTo(RUN_CREATES_PER_DELIVERY * DELIVERIES);
    assertThat(counts.getOrDefault(SECRET_GETS, 0))
        .as(shown)
        .isBetween(
            1, SECRET_GETS_PER_KEEPING_TIME * (1 + (int) (took.toNanos() / nanos(secretKeep))));
    assertThat(counts.getOrDefault(CONFIG_GETS, 0)).as(shown).isLessThanOrEqualTo(MAX_CONFIG_GETS);
    assertThat(counts.getOrDefault(STATUS_PATCHES, 0))
        .as(shown)
        .isBetween(
            1,
            STATUS_PATCHES_AT_ONCE_AND_TRAILING
                + (int) (took.toNanos() / nanos(lastEventInterval)));
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    assertThat((double) total / DELIVERIES).as(shown).isLessThanOrEqualTo(MAX_CALLS_PER_DELIVERY);
  }

  /** A distinct commit SHA per delivery, so every delivery is a new push. */
  static String commit(int i) {
    return HexFormat.of().toHexDigits(i) + "0d1a26e67d8f5eaf1f6ba5c57fc3c7d9";
  }

  private static String lastCommitOf(Cluster cluster, String ns) {
    var connection = cluster.connection(ns, "app");
    LastEvent last = connection.getStatus() == null ? null : connection.getStatus().getLastEvent();
    return last == null ? null : last.getCommit();
  }

  private static long nanos(Duration duration) {
    return Math.max(1, duration.toNanos());
  }
}
