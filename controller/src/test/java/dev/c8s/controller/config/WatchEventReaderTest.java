package dev.c8s.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WatchEventReaderTest {
  private final KubernetesSerialization fabric8s = registered(new KubernetesSerialization());
  private final ClientSerialization ours = registered(new ClientSerialization(new ObjectMapper()));
  private final WatchEventReader reader =
      new WatchEventReader(new ObjectMapper(), ours::getRegisteredKubernetesResource);

  private static <S extends KubernetesSerialization> S registered(S serialization) {
    serialization.registerKubernetesResource(Pod.class);
    serialization.registerKubernetesResource(Job.class);
    serialization.registerKubernetesResource(Status.class);
    return serialization;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = WatchEventReaderTest.class.getResourceAsStream("/bench/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** As the API server writes an event: kind, then apiVersion, then the rest of the object. */
  private static String event(String type, String object) {
    String kind = object.contains("\"kind\": \"Pod\"") ? "Pod" : "Job";
    String apiVersion = kind.equals("Pod") ? "v1" : "batch/v1";
    String rest =
        object
            .replace("\"apiVersion\": \"" + apiVersion + "\", ", "")
            .replace("\"kind\": \"" + kind + "\", ", "")
            .substring(1);
    return "{\"type\":\""
        + type
        + "\",\"object\":{\"kind\":\""
        + kind
        + "\",\"apiVersion\":\""
        + apiVersion
        + "\","
        + rest
        + "}";
  }

  @Test
  void podAndJobEventsReadInOnePassAsFabric8ReadsThem() throws IOException {
    for (String object : new String[] {resource("step-pod.json"), resource("step-job.json")}) {
      String text = event("MODIFIED", object);

      WatchEvent read = reader.read(text);

      assertThat(read).isNotNull();
      assertThat(read.getType()).isEqualTo("MODIFIED");
      assertThat(read.getObject())
          .isEqualTo(fabric8s.unmarshal(text, WatchEvent.class).getObject());
      assertThat(ours.unmarshal(text, WatchEvent.class).getObject()).isEqualTo(read.getObject());
    }
  }

  @Test
  void anExpiredWatchsStatusReadsAsAStatus() throws IOException {
    String text =
        "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"too old resource version: 1 (42)\","
            + "\"reason\":\"Expired\",\"code\":410}}";

    WatchEvent read = reader.read(text);

    assertThat(read.getObject()).isInstanceOf(Status.class);
    assertThat(((Status) read.getObject()).getCode()).isEqualTo(410);
    assertThat(read.getObject()).isEqualTo(fabric8s.unmarshal(text, WatchEvent.class).getObject());
  }

  @Test
  void aBookmarkReadsWithItsResourceVersion() throws IOException {
    String text =
        "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\","
            + "\"metadata\":{\"resourceVersion\":\"12746\"}}}";

    WatchEvent read = reader.read(text);

    assertThat(((Pod) read.getObject()).getMetadata().getResourceVersion()).isEqualTo("12746");
  }

  @Test
  void anObjectThatDoesNotStartWithKindAndApiVersionIsLeftToFabric8() throws IOException {
    String text = "{\"type\":\"ADDED\",\"object\":" + resource("step-pod.json") + "}";
    String metadataFirst =
        "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"p\"},\"kind\":\"Pod\","
            + "\"apiVersion\":\"v1\"}}";

    assertThat(reader.read(metadataFirst)).isNull();
    assertThat(ours.unmarshal(metadataFirst, WatchEvent.class).getObject())
        .isEqualTo(fabric8s.unmarshal(metadataFirst, WatchEvent.class).getObject())
        .isInstanceOf(Pod.class);
    assertThat(ours.unmarshal(text, WatchEvent.class).getObject())
        .isEqualTo(fabric8s.unmarshal(text, WatchEvent.class).getObject());
  }

  @Test
  void aKindNotRegisteredIsLeftToFabric8sGenericResource() throws IOException {
    String text =
        "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Widget\",\"apiVersion\":\"example.com/v1\","
            + "\"metadata\":{\"name\":\"w\"},\"spec\":{\"size\":3}}}";

    assertThat(reader.read(text)).isNull();
    assertThat(ours.unmarshal(text, WatchEvent.class).getObject())
        .isInstanceOf(GenericKubernetesResource.class)
        .isEqualTo(fabric8s.unmarshal(text, WatchEvent.class).getObject());
  }

  @Test
  void brokenTextFailsAsItDoesWithFabric8() {
    String text = "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"meta";

    assertThatThrownBy(() -> ours.unmarshal(text, WatchEvent.class))
        .isInstanceOf(KubernetesClientException.class);
    assertThatThrownBy(() -> fabric8s.unmarshal(text, WatchEvent.class))
        .isInstanceOf(KubernetesClientException.class);
  }
}
