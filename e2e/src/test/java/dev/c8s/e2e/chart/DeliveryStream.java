package dev.c8s.e2e.chart;

import dev.c8s.e2e.GitHubPush;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signed GitHub pushes sent one after another to the webhook, each for a new commit, until stopped:
 * what a busy organisation sends while the platform is being upgraded. Counts what was accepted.
 */
final class DeliveryStream implements AutoCloseable {
  private static final Duration PACE = Duration.ofMillis(250);

  private final URI webhook;
  private final String secret;
  private final String repository;
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<String> failures = new ArrayList<>();
  private final ScheduledExecutorService sender =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("delivery-stream").unstarted(r));

  private DeliveryStream(URI webhook, String secret, String repository) {
    this.webhook = webhook;
    this.secret = secret;
    this.repository = repository;
  }

  /** Starts sending a delivery every {@code PACE}, each after the previous one was answered. */
  static DeliveryStream start(URI webhook, String secret, String repository) {
    DeliveryStream stream = new DeliveryStream(webhook, secret, repository);
    stream.sender.scheduleWithFixedDelay(
        stream::sendOne, 0, PACE.toMillis(), TimeUnit.MILLISECONDS);
    return stream;
  }

  private void sendOne() {
    String commit = HexFormat.of().formatHex(randomBytes());
    sent.incrementAndGet();
    try {
      HttpResponse<String> answer = GitHubPush.send(webhook, secret, repository, "main", commit);
      if (answer.statusCode() == 201) {
        accepted.incrementAndGet();
      } else {
        failure(answer.statusCode() + " " + answer.body());
      }
    } catch (Exception e) {
      failure(e.toString());
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[20];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  private synchronized void failure(String what) {
    failures.add(Instant.now() + " " + what);
  }

  /** Stops sending after the delivery in flight. */
  void stop() throws InterruptedException {
    sender.shutdown();
    if (!sender.awaitTermination(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("a delivery did not finish within 60 s");
    }
  }

  int sent() {
    return sent.get();
  }

  int accepted() {
    return accepted.get();
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
