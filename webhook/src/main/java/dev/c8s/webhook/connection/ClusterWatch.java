package dev.c8s.webhook.connection;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/** Starts a cluster-wide informer of a kind that keeps retrying when the API server goes away. */
final class ClusterWatch {
  private static final Logger LOG = Logger.getLogger(ClusterWatch.class);

  private ClusterWatch() {}

  /** An informer of every {@code type} in the cluster, with {@code indexers}, started. */
  static <T extends HasMetadata> SharedIndexInformer<T> start(
      KubernetesClient client, Class<T> type, Map<String, Function<T, List<String>>> indexers) {
    SharedIndexInformer<T> informer = client.resources(type).inAnyNamespace().runnableInformer(0);
    if (!indexers.isEmpty()) {
      informer.addIndexers(indexers);
    }
    return started(informer, type);
  }

  /** An informer of every {@code type} in the cluster, kept without managedFields, started. */
  static <T extends HasMetadata> SharedIndexInformer<T> startWithoutManagedFields(
      KubernetesClient client, Class<T> type) {
    SharedIndexInformer<T> informer = client.resources(type).inAnyNamespace().runnableInformer(0);
    informer.itemStore(new WithoutManagedFields<>());
    return started(informer, type);
  }

  private static <T extends HasMetadata> SharedIndexInformer<T> started(
      SharedIndexInformer<T> informer, Class<T> type) {
    // Keep retrying: an API server that is briefly away must not leave the cache empty for good.
    informer.exceptionHandler(
        (started, failure) -> {
          LOG.warnf("watching %s failed, retrying: %s", type.getSimpleName(), failure.getMessage());
          return true;
        });
    informer.start();
    return informer;
  }
}
