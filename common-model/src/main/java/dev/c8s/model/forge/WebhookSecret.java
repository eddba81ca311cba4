package dev.c8s.model.forge;

import dev.c8s.model.masking.StepSecretValues;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/**
 * The webhook secret in the Secret a RepositoryConnection's {@code webhookSecretRef} names: what
 * the webhook verifies deliveries with and what the controller registers at the provider.
 */
public final class WebhookSecret {
  /** The key of the webhook secret. */
  public static final String KEY = "webhook-secret";

  private WebhookSecret() {}

  /**
   * The secret, without trailing line breaks: {@code kubectl create secret --from-file} keeps the
   * newline an editor adds, and the secret typed into the provider has none.
   */
  public static Optional<String> of(Secret secret) {
    return StepSecretValues.value(secret, KEY)
        .map(value -> value.replaceAll("[\\r\\n]+$", ""))
        .filter(value -> !value.isEmpty());
  }
}
