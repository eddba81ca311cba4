package dev.c8s.api.kube;

import dev.c8s.api.problem.ApiException;
import dev.c8s.model.validation.ValidationError;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.List;

/** Create, read, list, replace and delete of one c8s kind, with the API's error conventions. */
public final class CustomResources<T extends CustomResource<?, ?>> {
  private final KubernetesClient client;
  private final Class<T> type;
  private final String kind;
  private final String apiVersion;

  public CustomResources(KubernetesClient client, Class<T> type, String kind, String apiVersion) {
    this.client = client;
    this.type = type;
    this.kind = kind;
    this.apiVersion = apiVersion;
  }

  /** The fabric8 operations of this kind. */
  public MixedOperation<T, KubernetesResourceList<T>, Resource<T>> operations() {
    return client.resources(type);
  }

  /** One page, passing limit and continue token straight to the Kubernetes list. */
  public Page<T> list(String namespace, int limit, String continueToken, String labelSelector) {
    return list(namespace, limit, continueToken, labelSelector, null);
  }

  /** As {@link #list(String, int, String, String)}, also narrowed by a field selector. */
  public Page<T> list(
      String namespace, int limit, String continueToken, String labelSelector, String fields) {
    ListOptions options =
        new ListOptionsBuilder()
            .withLimit((long) limit)
            .withContinue(continueToken)
            .withLabelSelector(labelSelector)
            .withFieldSelector(fields)
            .build();
    KubernetesResourceList<T> list = operations().inNamespace(namespace).list(options);
    String next = list.getMetadata() == null ? null : list.getMetadata().getContinue();
    return new Page<>(list.getItems(), next == null || next.isEmpty() ? null : next);
  }

  /** The object, or a 404 naming it. */
  public T get(String namespace, String name) {
    T object = operations().inNamespace(namespace).withName(name).get();
    if (object == null) {
      throw ApiException.notFound(kind + " \"" + name + "\" not found in namespace " + namespace);
    }
    return object;
  }

  /** Creates {@code object} in {@code namespace} (409 when the name is taken). */
  public T create(String namespace, T object) {
    object.getMetadata().setNamespace(namespace);
    return operations().inNamespace(namespace).resource(object).create();
  }

  /**
   * Replaces the spec, labels and annotations of {@code name}. With a resourceVersion in the body
   * the replace is conditional (409 when the object changed since); without, the current one is
   * used.
   */
  public T replace(String namespace, String name, T object) {
    if (object.getMetadata().getResourceVersion() == null) {
      object
          .getMetadata()
          .setResourceVersion(get(namespace, name).getMetadata().getResourceVersion());
    }
    object.getMetadata().setNamespace(namespace);
    return operations().inNamespace(namespace).resource(object).update();
  }

  /** Deletes {@code name}, or a 404 when there is none. */
  public void delete(String namespace, String name) {
    var deleted = operations().inNamespace(namespace).withName(name).delete();
    if (deleted == null || deleted.isEmpty()) {
      throw ApiException.notFound(kind + " \"" + name + "\" not found in namespace " + namespace);
    }
  }

  /**
   * The checks of a body that Kubernetes cannot make for us: kind and apiVersion (when given), the
   * name (and that it matches the path on replace) and the namespace (must match the path).
   */
  public List<ValidationError> checkEnvelope(T object, String namespace, String pathName) {
    List<ValidationError> errors = new ArrayList<>();
    if (!apiVersion.equals(object.getApiVersion())) {
      errors.add(
          new ValidationError(
              "apiVersion",
              "apiVersion must be " + apiVersion + " (or left out)",
              apiVersion,
              object.getApiVersion()));
    }
    if (!kind.equals(object.getKind())) {
      errors.add(
          new ValidationError(
              "kind", "kind must be " + kind + " (or left out)", kind, object.getKind()));
    }
    ObjectMeta meta = object.getMetadata();
    if (meta == null) {
      meta = new ObjectMeta();
      object.setMetadata(meta);
    }
    if (pathName != null && meta.getName() == null) {
      meta.setName(pathName);
    }
    if (meta.getName() == null || meta.getName().isBlank()) {
      errors.add(
          new ValidationError(
              "metadata.name", "metadata.name is required", "DNS-1123 subdomain", null));
    } else if (pathName != null && !pathName.equals(meta.getName())) {
      errors.add(
          new ValidationError(
              "metadata.name",
              "metadata.name must match the name in the path, \"" + pathName + "\"",
              pathName,
              meta.getName()));
    }
    if (meta.getNamespace() != null && !meta.getNamespace().equals(namespace)) {
      errors.add(
          new ValidationError(
              "metadata.namespace",
              "metadata.namespace must match the namespace in the path, \"" + namespace + "\"",
              namespace,
              meta.getNamespace()));
    }
    return errors;
  }
}
