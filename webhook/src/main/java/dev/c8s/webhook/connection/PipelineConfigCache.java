package dev.c8s.webhook.connection;

import dev.c8s.model.v1alpha1.PipelineConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * All PipelineConfigs, watched, so a delivery plans its runs without reading the config from the
 * API server; a config the cache does not hold yet (created moments ago) is read from the API
 * server.
 */
@ApplicationScoped
public class PipelineConfigCache {
  private final KubernetesClient client;
  private volatile SharedIndexInformer<PipelineConfig> informer;

  public PipelineConfigCache(KubernetesClient client) {
    this.client = client;
  }

  void start(@Observes StartupEvent startup) {
    informer = ClusterWatch.startWithoutManagedFields(client, PipelineConfig.class);
  }

  void stop(@Observes ShutdownEvent shutdown) {
    if (informer != null) {
      informer.stop();
    }
  }

  /**
   * The PipelineConfig {@code namespace/name}, or null when the API server has none. The object is
   * shared with the cache: never change it.
   */
  public PipelineConfig get(String namespace, String name) {
    SharedIndexInformer<PipelineConfig> current = informer;
    PipelineConfig cached =
        current == null ? null : current.getStore().getByKey(namespace + "/" + name);
    if (cached != null) {
      return cached;
    }
    // Missing from the cache is not enough to skip a delivery's runs: ask the API server.
    return client.resources(PipelineConfig.class).inNamespace(namespace).withName(name).get();
  }
}
