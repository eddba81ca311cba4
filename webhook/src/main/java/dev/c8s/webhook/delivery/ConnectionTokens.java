package dev.c8s.webhook.delivery;

import dev.c8s.model.forge.ForgeCredentials;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;

/** The API token of a RepositoryConnection's {@code authSecretRef}, read when it is needed. */
@ApplicationScoped
public class ConnectionTokens {
  private final KubernetesClient client;

  public ConnectionTokens(KubernetesClient client) {
    this.client = client;
  }

  /** The connection's credentials, or null when it names no Secret or the Secret has no token. */
  public ForgeCredentials of(RepositoryConnection connection) {
    RepositoryConnectionSpec spec = connection.getSpec();
    if (spec.getAuthSecretRef() == null || spec.getAuthSecretRef().isBlank()) {
      return null;
    }
    Secret secret =
        client
            .secrets()
            .inNamespace(connection.getMetadata().getNamespace())
            .withName(spec.getAuthSecretRef())
            .get();
    return secret == null ? null : ForgeCredentials.from(secret);
  }
}
