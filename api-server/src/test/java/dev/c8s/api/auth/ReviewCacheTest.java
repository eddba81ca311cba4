package dev.c8s.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Review answers are reused within their time to live, recomputed after, and bounded in number. */
class ReviewCacheTest {
  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger computed = new AtomicInteger();

  @Test
  void anAnswerIsReusedUntilItExpires() {
    ReviewCache<String, Integer> cache = new ReviewCache<>(Duration.ofSeconds(10), 100, now::get);

    assertThat(cache.get("token", computed::incrementAndGet)).isEqualTo(1);
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(cache.get("token", computed::incrementAndGet)).isEqualTo(1);
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(cache.get("token", computed::incrementAndGet)).isEqualTo(2);
  }

  @Test
  void aFloodOfDistinctInvalidTokensKeepsTheAnswersInUse() {
    ReviewCache<String, Integer> cache = new ReviewCache<>(Duration.ofSeconds(10), 100, now::get);

    // A client in use keeps calling while 10,000 random tokens arrive.
    for (int i = 0; i < 10_000; i++) {
      if (i % 10 == 0) {
        cache.get("good", computed::incrementAndGet);
      }
      cache.get("bad-" + i, () -> -1);
    }

    assertThat(cache.size()).isLessThanOrEqualTo(100);
    assertThat(computed).as("TokenReviews asked for the token in use").hasValueLessThan(5);
    int asked = computed.get();
    cache.get("good", computed::incrementAndGet);
    assertThat(computed).as("still cached after the flood").hasValue(asked);
  }

  @Test
  void concurrentMissesOfOneKeyAskOnce() throws Exception {
    ReviewCache<String, Integer> cache = new ReviewCache<>(Duration.ofSeconds(10), 100, now::get);
    CountDownLatch asking = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Integer> first =
        CompletableFuture.supplyAsync(
            () ->
                cache.get(
                    "token",
                    () -> {
                      asking.countDown();
                      await(release);
                      return computed.incrementAndGet();
                    }));
    await(asking);
    Thread second = Thread.ofPlatform().start(() -> cache.get("token", computed::incrementAndGet));
    Awaitility.await()
        .until(
            () ->
                second.getState() == Thread.State.WAITING
                    || second.getState() == Thread.State.BLOCKED);

    release.countDown();
    second.join();

    assertThat(first.get()).isEqualTo(1);
    assertThat(computed).hasValue(1);
  }

  @Test
  void zeroTimeToLiveCachesNothing() {
    ReviewCache<String, Integer> cache = new ReviewCache<>(Duration.ZERO, 3, now::get);

    cache.get("a", computed::incrementAndGet);

    assertThat(cache.get("a", computed::incrementAndGet)).isEqualTo(2);
    assertThat(cache.size()).isZero();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
