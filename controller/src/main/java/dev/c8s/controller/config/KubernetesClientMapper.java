package dev.c8s.controller.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.arc.All;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapper;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import io.quarkus.kubernetes.client.KubernetesResources;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The Kubernetes client's mapper, on {@link BoundedFieldNames}, and its serialization, {@link
 * ClientSerialization}; they replace the extension's defaults and apply the same customizers
 * ({@link ManagedFieldsUnread} among them) and resource registrations.
 */
@Singleton
public class KubernetesClientMapper {

  @Produces
  @Singleton
  @KubernetesClientObjectMapper
  ObjectMapper kubernetesClientObjectMapper(
      @All List<KubernetesClientObjectMapperCustomizer> customizers) {
    ObjectMapper mapper = new ObjectMapper(new BoundedFieldNames());
    customizers.forEach(customizer -> customizer.customize(mapper));
    return mapper;
  }

  @Produces
  @Singleton
  @SuppressWarnings({"rawtypes", "unchecked"}) // the extension produces the registrations raw
  KubernetesSerialization kubernetesSerialization(
      @KubernetesClientObjectMapper ObjectMapper mapper,
      @KubernetesResources Class[] kubernetesResources) {
    KubernetesSerialization serialization = new ClientSerialization(mapper);
    for (Class resource : kubernetesResources) {
      serialization.registerKubernetesResource(resource);
    }
    return serialization;
  }
}
