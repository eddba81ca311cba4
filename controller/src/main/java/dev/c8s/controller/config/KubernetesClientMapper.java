package dev.c8s.controller.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.All;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapper;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The Kubernetes client's mapper, on {@link BoundedFieldNames}; it replaces the extension's default
 * one and applies the same customizers ({@link ManagedFieldsUnread} among them).
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
}
