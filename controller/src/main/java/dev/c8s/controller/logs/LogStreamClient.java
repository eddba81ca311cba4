package dev.c8s.controller.logs;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A client of its own for reading pod logs, on HTTP/1.1 connections of its own. A followed log
 * holds its request open while the step runs; on the controller's shared HTTP/2 connection a few
 * hundred of them used up the API server's concurrent streams, and Lease renewals, status writes
 * and Job creations then waited for a stream until they timed out (docs/performance.md).
 */
@ApplicationScoped
public class LogStreamClient {
  private final KubernetesClient client;

  @Inject
  LogStreamClient(KubernetesClient shared) {
    this.client =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder(shared.getConfiguration()).withHttp2Disable(true).build())
            .build();
  }

  /** The client for log requests only. */
  public KubernetesClient client() {
    return client;
  }

  @PreDestroy
  void close() {
    client.close();
  }
}
