package dev.c8s.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class ManagedFieldsUnreadTest {
  private static final String POD =
      """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"step","namespace":"team",
       "labels":{"c8s.dev/run":"r"},
       "managedFields":[{"manager":"kubelet","operation":"Update","apiVersion":"v1",
         "fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:phase":{}}}}],
       "resourceVersion":"42"},
       "status":{"phase":"Succeeded"}}
      """;

  private static KubernetesSerialization customized() {
    ObjectMapper mapper = new ObjectMapper();
    new ManagedFieldsUnread().customize(mapper);
    return new KubernetesSerialization(mapper, true);
  }

  @Test
  void readingAnObjectSkipsItsManagedFieldsAndKeepsTheRestOfItsMetadata() {
    Pod pod = customized().unmarshal(POD, Pod.class);

    assertThat(pod.getMetadata().getManagedFields()).isEmpty();
    assertThat(pod.getMetadata().getAdditionalProperties()).doesNotContainKey("managedFields");
    assertThat(pod.getMetadata().getLabels()).containsEntry("c8s.dev/run", "r");
    assertThat(pod.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
  }

  @Test
  void anObjectReadAndWrittenBackCarriesNoManagedFieldsSoTheServerKeepsItsOwn() {
    KubernetesSerialization json = customized();

    String written = json.asJson(json.unmarshal(POD, Pod.class));

    assertThat(written).doesNotContain("managedFields").contains("\"resourceVersion\":\"42\"");
  }

  @Test
  void managedFieldsSetInCodeAreStillWritten() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("step")
            .withManagedFields(new ManagedFieldsEntryBuilder().withManager("c8s").build())
            .endMetadata()
            .build();

    assertThat(customized().asJson(pod)).contains("\"managedFields\":[{\"manager\":\"c8s\"}]");
  }
}
