package dev.c8s.webhook.delivery;

import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryUrls;
import dev.c8s.webhook.connection.ConnectionIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;

/** Finds the connections a delivery may belong to and keeps those whose secret signed it. */
@ApplicationScoped
public class ConnectionVerifier {
  private final ConnectionIndex index;
  private final WebhookSecrets secrets;

  public ConnectionVerifier(ConnectionIndex index, WebhookSecrets secrets) {
    this.index = index;
    this.secrets = secrets;
  }

  /** Which connections verified the delivery, and if none did, why (for metrics and logs). */
  public record Verification(List<RepositoryConnection> verified, String failure) {}

  /**
   * Reads only the repository URLs of the unverified payload, looks their connections up in the
   * cache, and checks the signature against each connection's own secret.
   */
  public Verification verify(ProviderProtocol protocol, DeliveryRequest request) {
    if (!protocol.isSigned(request)) {
      return new Verification(List.of(), "missing_signature");
    }
    List<String> keys =
        RepositoryUrlScanner.scan(protocol.json(request), protocol.repositoryUrlPaths()).stream()
            .map(RepositoryUrls::normalize)
            .filter(Objects::nonNull)
            .distinct()
            .toList();
    List<RepositoryConnection> candidates =
        index.find(keys).stream()
            .filter(c -> c.getSpec() != null && c.getSpec().getProvider() == protocol.provider())
            .toList();
    if (candidates.isEmpty()) {
      return new Verification(List.of(), "unknown_repository");
    }
    List<RepositoryConnection> verified =
        candidates.stream()
            .filter(c -> secrets.verifies(c, s -> protocol.verify(request, s)))
            .toList();
    return new Verification(verified, verified.isEmpty() ? "signature_mismatch" : null);
  }
}
