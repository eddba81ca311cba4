package dev.c8s.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import dev.c8s.controller.ControlPlaneResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The running controller's Kubernetes client reads with the bounded table, the customizers and
 * generated property accessors.
 */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class KubernetesClientMapperIT {

  @Inject @KubernetesClientObjectMapper ObjectMapper mapper;
  @Inject KubernetesClient client;

  @Test
  void theClientsMapperHasTheBoundedFactoryAndSkipsManagedFields() throws Exception {
    ObjectMeta read =
        mapper.readValue(
            "{\"name\":\"r\",\"managedFields\":[{\"manager\":\"kubelet\"}]}".getBytes(),
            ObjectMeta.class);

    assertThat(mapper.getFactory()).isInstanceOf(BoundedFieldNames.class);
    assertThat(read.getManagedFields()).isEmpty();
    assertThat(read.getName()).isEqualTo("r");
  }

  @Test
  void theClientSerializesWithGeneratedAccessorsOnTheSameMapper() {
    assertThat(client.getKubernetesSerialization()).isInstanceOf(ClientSerialization.class);
    assertThat(mapper.getRegisteredModuleIds()).contains(new BlackbirdModule().getTypeId());
  }
}
