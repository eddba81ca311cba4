package dev.c8s.api.kube;

import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.validation.RepositoryConnectionValidator;
import dev.c8s.model.validation.ValidationResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;

/** RepositoryConnections in Kubernetes; they name Secrets but never hold their contents. */
@ApplicationScoped
public class RepositoryConnections {
  private final CustomResources<RepositoryConnection> objects;
  private final RepositoryConnectionValidator validator = new RepositoryConnectionValidator();

  RepositoryConnections(KubernetesClient client) {
    this.objects =
        new CustomResources<>(
            client, RepositoryConnection.class, "RepositoryConnection", C8s.API_VERSION);
  }

  public Page<RepositoryConnection> list(String namespace, int limit, String continueToken) {
    return objects.list(namespace, limit, continueToken, null);
  }

  public RepositoryConnection get(String namespace, String name) {
    return objects.get(namespace, name);
  }

  public Validated<RepositoryConnection> create(String namespace, RepositoryConnection connection) {
    var envelope = objects.checkEnvelope(connection, namespace, null);
    ValidationResult result = validator.validate(connection);
    Validated.requireValid(envelope, result, "RepositoryConnection");
    return new Validated<>(objects.create(namespace, connection), result.warnings());
  }

  public void delete(String namespace, String name) {
    objects.delete(namespace, name);
  }
}
