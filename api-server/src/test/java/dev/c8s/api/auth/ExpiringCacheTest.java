package dev.c8s.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Review answers are reused within their time to live, recomputed after, and bounded in number. */
class ExpiringCacheTest {
  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger computed = new AtomicInteger();

  @Test
  void answerIsReusedUntilItExpires() {
    ExpiringCache<String, Integer> cache =
        new ExpiringCache<>(Duration.ofSeconds(10), 100, now::get);
    assertThat(cache.get("token", computed::incrementAndGet)).isEqualTo(1);
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(cache.get("token", computed::incrementAndGet)).isEqualTo(1);
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(cache.get("token", computed::incrementAndGet)).isEqualTo(2);
  }

  @Test
  void fullCacheStartsAgainEmpty() {
    ExpiringCache<Integer, Integer> cache =
        new ExpiringCache<>(Duration.ofSeconds(10), 3, now::get);
    for (int i = 0; i < 3; i++) {
      cache.get(i, computed::incrementAndGet);
    }
    cache.get(99, computed::incrementAndGet);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void zeroTimeToLiveCachesNothing() {
    ExpiringCache<String, Integer> cache = new ExpiringCache<>(Duration.ZERO, 3, now::get);
    cache.get("a", computed::incrementAndGet);
    assertThat(cache.get("a", computed::incrementAndGet)).isEqualTo(2);
  }
}
