package dev.c8s.webhook.connection;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.stream.Stream;

/**
 * An informer's store that keeps objects without their managedFields, which nothing here reads and
 * which are often the larger part of a small object.
 */
final class WithoutManagedFields<T extends HasMetadata> implements ItemStore<T> {
  private final BasicItemStore<T> store = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);

  @Override
  public String getKey(T object) {
    return store.getKey(object);
  }

  @Override
  public T put(String key, T object) {
    object.getMetadata().setManagedFields(null);
    return store.put(key, object);
  }

  @Override
  public T remove(String key) {
    return store.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return store.keySet();
  }

  @Override
  public Stream<T> values() {
    return store.values();
  }

  @Override
  public int size() {
    return store.size();
  }

  @Override
  public T get(String key) {
    return store.get(key);
  }
}
