package dev.c8s.api.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** A small time-to-live cache that starts again empty when full. */
final class ExpiringCache<K, V> {
  // Bounded so that many distinct (for example random, invalid) tokens cannot grow it without
  // limit.

  private record Entry<V>(V value, long expiresAt) {}

  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final long ttlNanos;
  private final int maxSize;
  private final LongSupplier clock;

  ExpiringCache(Duration ttl, int maxSize, LongSupplier nanoClock) {
    this.ttlNanos = ttl.toNanos();
    this.maxSize = maxSize;
    this.clock = nanoClock;
  }

  /** The cached value of {@code key}, computing and storing it when absent or expired. */
  V get(K key, Supplier<V> compute) {
    long now = clock.getAsLong();
    Entry<V> entry = entries.get(key);
    if (entry != null && now - entry.expiresAt() < 0) {
      return entry.value();
    }
    V value = compute.get();
    if (ttlNanos > 0) {
      if (entries.size() >= maxSize) {
        entries.clear();
      }
      entries.put(key, new Entry<>(value, now + ttlNanos));
    }
    return value;
  }

  int size() {
    return entries.size();
  }
}
