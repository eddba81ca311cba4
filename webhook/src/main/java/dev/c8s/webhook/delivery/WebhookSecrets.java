package dev.c8s.webhook.delivery;

import dev.c8s.model.forge.WebhookSecret;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Reads the {@code webhook-secret} of the Secret a RepositoryConnection names. */
@ApplicationScoped
public class WebhookSecrets {
  /** The key of the webhook secret in the Secret named by {@code spec.webhookSecretRef}. */
  public static final String KEY = WebhookSecret.KEY;

  private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);
  private final KubernetesClient client;

  public WebhookSecrets(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The secret of {@code connection}, or empty when it names none, or its Secret or key is missing
   * (logged for the operator: the sender only ever sees 401); see {@link WebhookSecret#of}.
   */
  public Optional<byte[]> of(RepositoryConnection connection) {
    String namespace = connection.getMetadata().getNamespace();
    String name = connection.getSpec() == null ? null : connection.getSpec().getWebhookSecretRef();
    if (name == null || name.isBlank()) {
      LOG.warnf(
          "RepositoryConnection %s/%s has no webhookSecretRef; its deliveries are refused",
          namespace, connection.getMetadata().getName());
      return Optional.empty();
    }
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    Optional<String> value = secret == null ? Optional.empty() : WebhookSecret.of(secret);
    if (value.isEmpty()) {
      LOG.warnf(
          "Secret %s/%s of RepositoryConnection %s is missing or has no key %s; deliveries refused",
          namespace, name, connection.getMetadata().getName(), KEY);
    }
    return value.map(v -> v.getBytes(StandardCharsets.UTF_8));
  }
}
