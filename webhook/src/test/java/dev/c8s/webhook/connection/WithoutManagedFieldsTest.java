package dev.c8s.webhook.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineConfig;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class WithoutManagedFieldsTest {
  @Test
  void aStoredObjectIsKeptByNamespaceAndNameWithoutItsManagedFields() {
    PipelineConfig config = new PipelineConfig();
    config.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace("team")
            .withName("app")
            .withManagedFields(List.of(new ManagedFieldsEntry()))
            .build());
    WithoutManagedFields<PipelineConfig> store = new WithoutManagedFields<>();

    store.put(store.getKey(config), config);

    assertThat(store.getKey(config)).isEqualTo("team/app");
    assertThat(store.get("team/app").getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.remove("team/app")).isSameAs(config);
    assertThat(store.values()).isEmpty();
  }
}
