package dev.c8s.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Review answers (token and access reviews) reused for their time to live. Bounded, and a flood of
 * distinct keys (random, invalid tokens) cannot push out the answers in use: Caffeine admits a new
 * entry only over one used less often. Concurrent misses of one key ask the API server once.
 */
final class ReviewCache<K, V> {
  private final Cache<K, V> cache;

  ReviewCache(Duration ttl, int maxSize, Ticker ticker) {
    this.cache =
        ttl.isZero()
            ? null
            : Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maxSize)
                .ticker(ticker)
                // Upkeep on the calling thread: no pool thread per cache, deterministic in tests.
                .executor(Runnable::run)
                .build();
  }

  /** The cached answer for {@code key}, asking {@code review} when absent or expired. */
  V get(K key, Supplier<V> review) {
    return cache == null ? review.get() : cache.get(key, k -> review.get());
  }

  /** How many answers are kept now. */
  long size() {
    if (cache == null) {
      return 0;
    }
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
