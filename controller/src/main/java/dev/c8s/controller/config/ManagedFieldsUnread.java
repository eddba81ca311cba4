package dev.c8s.controller.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Singleton;

/**
 * The controller's Kubernetes client skips {@code metadata.managedFields} as it reads objects.
 *
 * <p>They are about 3 KB of each 8 KB pod and Job watch event, nothing here reads them, and the
 * run, Job and pod caches dropped them after decoding anyway; the others kept them (decision 0077).
 * Skipping the tokens costs less than building their nested maps. Writes are unaffected: an update
 * without managedFields leaves the server's unchanged, and a server-side apply must not carry them.
 */
@Singleton
public class ManagedFieldsUnread implements KubernetesClientObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.addMixIn(ObjectMeta.class, ObjectMetaReadWithoutManagedFields.class);
  }

  /** Jackson mix-in: {@code managedFields} is ignored when read and still written when set. */
  @RegisterForReflection
  @JsonIgnoreProperties(value = "managedFields", allowGetters = true)
  abstract static class ObjectMetaReadWithoutManagedFields {}
}
