package dev.c8s.webhook.connection;

import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryUrls;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All RepositoryConnections, watched and indexed by normalised repository URL. */
@ApplicationScoped
public class ConnectionIndex {
  // A delivery must find its connections without a list call to the API server (decision 0010).
  static final String BY_REPOSITORY = "repository";

  private final KubernetesClient client;
  private volatile SharedIndexInformer<RepositoryConnection> informer;

  public ConnectionIndex(KubernetesClient client) {
    this.client = client;
  }

  void start(@Observes StartupEvent startup) {
    informer =
        ClusterWatch.start(
            client, RepositoryConnection.class, Map.of(BY_REPOSITORY, ConnectionIndex::keys));
  }

  void stop(@Observes ShutdownEvent shutdown) {
    if (informer != null) {
      informer.stop();
    }
  }

  /** Whether the first full list has arrived; until then lookups may miss connections. */
  public boolean isSynced() {
    return informer != null && informer.hasSynced();
  }

  /**
   * The connections whose normalised repository URL is one of {@code repositoryKeys}, each once,
   * from the cache. The objects are shared with the cache: never change them.
   */
  public List<RepositoryConnection> find(Collection<String> repositoryKeys) {
    SharedIndexInformer<RepositoryConnection> current = informer;
    if (current == null) {
      return List.of();
    }
    Map<String, RepositoryConnection> found = new LinkedHashMap<>();
    for (String key : repositoryKeys) {
      for (RepositoryConnection connection : current.getIndexer().byIndex(BY_REPOSITORY, key)) {
        found.putIfAbsent(connection.getMetadata().getUid(), connection);
      }
    }
    return List.copyOf(found.values());
  }

  private static List<String> keys(RepositoryConnection connection) {
    if (connection.getSpec() == null) {
      return List.of();
    }
    String key = RepositoryUrls.normalize(connection.getSpec().getRepository());
    return key == null ? List.of() : List.of(key);
  }
}
