package dev.c8s.webhook.delivery;

import dev.c8s.model.forge.WebhookSecret;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads the {@code webhook-secret} of the Secret a RepositoryConnection names, keeping each value
 * for a short while ({@code c8s.webhook.secret-cache-ttl}, default 10 s) so a busy repository's
 * deliveries do not each read it; the webhook may only {@code get} Secrets, never watch them.
 */
@ApplicationScoped
public class WebhookSecrets {
  /** The key of the webhook secret in the Secret named by {@code spec.webhookSecretRef}. */
  public static final String KEY = WebhookSecret.KEY;

  private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);
  private final KubernetesClient client;
  private final long keepNanos;

  /** Per Secret (namespace/name): the value and when the read that returned it started. */
  private final Map<String, Kept> kept = new ConcurrentHashMap<>();

  private record Kept(byte[] value, long readAtNanos) {}

  public WebhookSecrets(
      KubernetesClient client,
      @ConfigProperty(name = "c8s.webhook.secret-cache-ttl", defaultValue = "10s") Duration keep) {
    this.client = client;
    this.keepNanos = keep.toNanos();
  }

  /**
   * Whether {@code connection}'s secret makes {@code signedWith} true. A kept value that fails is
   * read again before the answer is no, so a rotated secret works from its first delivery; a
   * removed or changed one stops working within the keeping time.
   */
  public boolean verifies(RepositoryConnection connection, Predicate<byte[]> signedWith) {
    String key = key(connection);
    Kept known = key == null ? null : kept.get(key);
    if (known != null && fresh(known, System.nanoTime()) && signedWith.test(known.value())) {
      return true;
    }
    return of(connection).map(signedWith::test).orElse(false);
  }

  /**
   * The secret of {@code connection} as the API server has it now, or empty when it names none, or
   * its Secret or key is missing (logged for the operator: the sender only ever sees 401); see
   * {@link WebhookSecret#of}.
   */
  public Optional<byte[]> of(RepositoryConnection connection) {
    String namespace = connection.getMetadata().getNamespace();
    String key = key(connection);
    if (key == null) {
      LOG.warnf(
          "RepositoryConnection %s/%s has no webhookSecretRef; its deliveries are refused",
          namespace, connection.getMetadata().getName());
      return Optional.empty();
    }
    String name = connection.getSpec().getWebhookSecretRef();
    // The age of a kept value counts from before the read, so a Secret deleted while it was being
    // read is never accepted for longer than the keeping time after the deletion.
    long started = System.nanoTime();
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    Optional<String> value = secret == null ? Optional.empty() : WebhookSecret.of(secret);
    if (value.isEmpty()) {
      // Forget only what was read before this read: a concurrent later read saw a newer Secret.
      kept.computeIfPresent(key, (k, old) -> old.readAtNanos() - started <= 0 ? null : old);
      LOG.warnf(
          "Secret %s/%s of RepositoryConnection %s is missing or has no key %s; deliveries refused",
          namespace, name, connection.getMetadata().getName(), KEY);
      return Optional.empty();
    }
    byte[] bytes = value.get().getBytes(StandardCharsets.UTF_8);
    // Concurrent reads may finish out of order: the read that started last is the one kept.
    kept.merge(
        key,
        new Kept(bytes, started),
        (old, read) -> read.readAtNanos() - old.readAtNanos() >= 0 ? read : old);
    forgetExpired(started);
    return Optional.of(bytes);
  }

  private boolean fresh(Kept known, long now) {
    return now - known.readAtNanos() < keepNanos;
  }

  /**
   * Drops values past their keeping time, so the Secrets of deleted connections are neither kept in
   * memory nor accumulate; runs only after an API read, at most once per Secret and keeping time.
   */
  private void forgetExpired(long now) {
    kept.values().removeIf(k -> !fresh(k, now));
  }

  private static String key(RepositoryConnection connection) {
    String name = connection.getSpec() == null ? null : connection.getSpec().getWebhookSecretRef();
    return name == null || name.isBlank()
        ? null
        : connection.getMetadata().getNamespace() + "/" + name;
  }
}
