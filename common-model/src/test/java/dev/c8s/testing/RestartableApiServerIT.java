package dev.c8s.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A second API server on the control plane's etcd serves the same objects and restarts in place.
 */
class RestartableApiServerIT {

  @Test
  void restartedServerAnswersOnTheSameAddressWithEverythingWrittenBefore() {
    ControlPlane plane = SharedControlPlane.get(false);
    try (RestartableApiServer server = RestartableApiServer.beside(plane);
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(
                    new ConfigBuilder(plane.client().getConfiguration())
                        .withMasterUrl(server.url())
                        .withRequestRetryBackoffLimit(0)
                        .build())
                .build()) {
      String name = "restart-" + System.nanoTime();
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
          .create();
      String url = server.url();

      server.restart(Duration.ofSeconds(1));

      assertThat(server.url()).isEqualTo(url);
      assertThat(client.namespaces().withName(name).get()).isNotNull();
      assertThat(plane.client().namespaces().withName(name).get()).isNotNull();
      server.close();
      assertThatThrownBy(() -> client.namespaces().withName(name).get())
          .isInstanceOf(KubernetesClientException.class);
    }
  }
}
