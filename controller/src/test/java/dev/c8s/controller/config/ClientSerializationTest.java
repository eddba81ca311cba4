package dev.c8s.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.impl.FieldProperty;
import com.fasterxml.jackson.databind.deser.impl.MethodProperty;
import dev.c8s.model.v1alpha1.PipelineRun;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientSerializationTest {

  private static String resource(String name) throws IOException {
    try (InputStream in = ClientSerializationTest.class.getResourceAsStream("/bench/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void podsAndJobsReadAndWriteAsWithFabric8sOwnSerialization() throws IOException {
    KubernetesSerialization generated = new ClientSerialization(new ObjectMapper());
    KubernetesSerialization reflective = new KubernetesSerialization(new ObjectMapper(), false);

    Pod pod = generated.unmarshal(resource("step-pod.json"), Pod.class);
    Job job = generated.unmarshal(resource("step-job.json"), Job.class);

    assertThat(pod).isEqualTo(reflective.unmarshal(resource("step-pod.json"), Pod.class));
    assertThat(job).isEqualTo(reflective.unmarshal(resource("step-job.json"), Job.class));
    assertThat(generated.asJson(pod)).isEqualTo(reflective.asJson(pod));
    assertThat(generated.asJson(job)).isEqualTo(reflective.asJson(job));
  }

  @Test
  void anUnknownFieldIsKeptInAdditionalPropertiesAsBefore() {
    KubernetesSerialization generated = new ClientSerialization(new ObjectMapper());

    ObjectMeta meta =
        generated.unmarshal("{\"name\":\"a\",\"futureField\":{\"x\":1}}", ObjectMeta.class);

    assertThat(meta.getName()).isEqualTo("a");
    assertThat(meta.getAdditionalProperties()).containsKey("futureField");
    assertThat(generated.asJson(meta)).contains("\"futureField\":{\"x\":1}");
  }

  @Test
  void modelPropertiesAreSetWithoutReflection() {
    ObjectMapper mapper = new ObjectMapper();
    new ClientSerialization(mapper);

    for (Class<?> type : List.of(ObjectMeta.class, Pod.class, Job.class, PipelineRun.class)) {
      assertThat(reflectiveProperties(mapper, type)).as(type.getSimpleName()).isEmpty();
    }
  }

  @Test
  void withoutItFabric8sWrappingLeavesThemReflective() {
    ObjectMapper mapper = new ObjectMapper();
    new KubernetesSerialization(mapper, false);

    assertThat(reflectiveProperties(mapper, ObjectMeta.class)).isNotEmpty();
  }

  private static boolean generated(SettableBeanProperty property) {
    return property
        .getClass()
        .getPackageName()
        .startsWith("com.fasterxml.jackson.module.blackbird");
  }

  private static List<String> reflectiveProperties(ObjectMapper mapper, Class<?> type) {
    DefaultDeserializationContext context =
        ((DefaultDeserializationContext) mapper.getDeserializationContext())
            .createDummyInstance(mapper.getDeserializationConfig());
    JsonDeserializer<?> deserializer;
    try {
      deserializer = context.findRootValueDeserializer(mapper.constructType(type));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    List<String> reflective = new ArrayList<>();
    ((BeanDeserializerBase) deserializer)
        .properties()
        .forEachRemaining(
            property -> {
              // Blackbird's properties delegate too: to the reflective one, for odd tokens only.
              SettableBeanProperty inner = property;
              while (inner instanceof SettableBeanProperty.Delegating delegating
                  && !generated(inner)) {
                inner = delegating.getDelegate();
              }
              if (inner instanceof MethodProperty || inner instanceof FieldProperty) {
                reflective.add(property.getName());
              }
            });
    return reflective;
  }
}
