package dev.c8s.deployment.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The objects of one rendering of the chart, with look-ups by kind, name and component. */
public record Rendered(String manifest, List<HasMetadata> objects) {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  public static Rendered parse(String manifest) {
    Object parsed = SERIALIZATION.unmarshal(manifest);
    List<HasMetadata> objects =
        parsed instanceof List<?> list
            ? list.stream().filter(Objects::nonNull).map(HasMetadata.class::cast).toList()
            : List.of((HasMetadata) parsed);
    return new Rendered(manifest, objects);
  }

  /** All objects of a typed kind. */
  public <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The object of a typed kind with this name; fails the test when it is missing. */
  public <T extends HasMetadata> T one(Class<T> type, String name) {
    List<T> named = all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).toList();
    assertThat(named).as("%s %s", type.getSimpleName(), name).hasSize(1);
    return named.get(0);
  }

  /** Objects of kinds fabric8 has no class for (cert-manager, Prometheus Operator). */
  public List<GenericKubernetesResource> generic(String kind) {
    return all(GenericKubernetesResource.class).stream()
        .filter(o -> kind.equals(o.getKind()))
        .toList();
  }

  /** How many objects of each kind were rendered, sorted by kind. */
  public Map<String, Long> countByKind() {
    Map<String, Long> counts = new TreeMap<>();
    objects.forEach(o -> counts.merge(o.getKind(), 1L, Long::sum));
    return counts;
  }

  /** The Deployment of a component (controller, api-server, webhook). */
  public Deployment deployment(String component) {
    return one(Deployment.class, HelmChart.RELEASE + "-" + component);
  }

  /** The single container of a component's pods. */
  public Container container(String component) {
    List<Container> containers =
        deployment(component).getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  /**
   * A component's environment: literal values as they are, Secret references as {@code
   * secret:<name>/<key>}, downward API fields as {@code field:<path>}.
   */
  public Map<String, String> env(String component) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar e : container(component).getEnv()) {
      assertThat(env.put(e.getName(), value(e))).as("duplicate env %s", e.getName()).isNull();
    }
    return env;
  }

  private static String value(EnvVar e) {
    EnvVarSource from = e.getValueFrom();
    if (from == null) {
      return e.getValue();
    }
    if (from.getSecretKeyRef() != null) {
      return "secret:" + from.getSecretKeyRef().getName() + "/" + from.getSecretKeyRef().getKey();
    }
    assertThat(from.getFieldRef()).as("source of env %s", e.getName()).isNotNull();
    return "field:" + from.getFieldRef().getFieldPath();
  }
}
