package dev.c8s.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BoundedFieldNamesTest {

  private static String stepPod() throws IOException {
    try (InputStream in = BoundedFieldNamesTest.class.getResourceAsStream("/bench/step-pod.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aPodReadFromBytesIsTheSameAsWithJacksonsOwnFactory() throws IOException {
    byte[] pod = stepPod().getBytes(StandardCharsets.UTF_8);
    KubernetesSerialization bounded =
        new KubernetesSerialization(new ObjectMapper(new BoundedFieldNames()), true);
    KubernetesSerialization plain = new KubernetesSerialization(new ObjectMapper(), true);

    for (int i = 0; i < 3; i++) {
      Pod fromStream = bounded.unmarshal(new ByteArrayInputStream(pod), Pod.class);
      assertThat(fromStream).isEqualTo(plain.unmarshal(new ByteArrayInputStream(pod), Pod.class));
    }
  }

  @Test
  void theSharedTableStartsAfreshOnceItHoldsMoreThanItsBound() throws IOException {
    BoundedFieldNames factory = new BoundedFieldNames();
    ObjectMapper mapper = new ObjectMapper(factory);

    for (int i = 0; i < 3 * BoundedFieldNames.MAX_NAMES; i++) {
      String key = "k:{\"uid\":\"" + UUID.randomUUID() + "\"}";
      byte[] json = ("{\"shared\":1,\"" + key.replace("\"", "\\\"") + "\":2}").getBytes();
      JsonNode read = mapper.readTree(json);
      assertThat(read.get(key).asInt()).isEqualTo(2);
      assertThat(factory.names().size()).isLessThanOrEqualTo(BoundedFieldNames.MAX_NAMES + 1);
    }
  }

  @Test
  void aCopyOfTheMapperKeepsTheBoundedFactory() {
    ObjectMapper copy = new ObjectMapper(new BoundedFieldNames()).copy();

    assertThat(copy.getFactory()).isInstanceOf(BoundedFieldNames.class);
  }

  @Test
  void aCopyOfTheFactoryKeepsItsFeaturesAndReadConstraints() {
    BoundedFieldNames factory = new BoundedFieldNames();
    factory.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    factory.setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(7).build());

    JsonFactory copy = factory.copy();

    assertThat(copy).isInstanceOf(BoundedFieldNames.class);
    assertThat(copy.isEnabled(JsonParser.Feature.AUTO_CLOSE_SOURCE)).isFalse();
    assertThat(copy.streamReadConstraints().getMaxNestingDepth()).isEqualTo(7);
  }
}
