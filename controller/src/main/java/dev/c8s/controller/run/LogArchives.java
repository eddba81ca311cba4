package dev.c8s.controller.run;

import dev.c8s.controller.config.ControllerSettings;
import dev.c8s.model.v1alpha1.PipelineRun;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Archives finished steps' logs apart from reconciliations, a few at once: a pass hands a log over
 * and goes on (the next Jobs and the status do not wait for object storage), and a finished archive
 * wakes its run, whose next pass writes the result down.
 */
@ApplicationScoped
class LogArchives {
  /** After object storage refused a log, how long before it is tried again. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private record Key(String runUid, String step) {}

  private final Map<Key, CompletableFuture<LogResult>> work = new ConcurrentHashMap<>();
  private final Map<Key, Instant> notBefore = new ConcurrentHashMap<>();

  /** Steps of a run whose log had nothing to store, until the run's logs are settled. */
  private final Map<String, Set<String>> nothingStored = new ConcurrentHashMap<>();

  private final ExecutorService pool;
  private final Clock clock;
  private final SimpleInboundEventSource<PipelineRun> wake =
      new SimpleInboundEventSource<>("log-archives");

  @Inject
  LogArchives(ControllerSettings settings, Clock clock) {
    this.pool =
        Executors.newFixedThreadPool(
            settings.logArchivers(),
            r -> Thread.ofPlatform().daemon().name("log-archive-", 0).unstarted(r));
    this.clock = clock;
  }

  /** The event source through which finished archives wake their runs. */
  SimpleInboundEventSource<PipelineRun> eventSource() {
    return wake;
  }

  /**
   * Starts archiving {@code step}'s log of {@code run} unless it is under way, finished and not yet
   * collected, or refused moments ago; never blocks.
   */
  void start(PipelineRun run, String step, Supplier<LogResult> archive) {
    Key key = new Key(run.getMetadata().getUid(), step);
    Instant after = notBefore.get(key);
    if (after != null && clock.instant().isBefore(after)) {
      return;
    }
    ResourceID id = ResourceID.fromResource(run);
    work.computeIfAbsent(
        key,
        k -> {
          CompletableFuture<LogResult> future = CompletableFuture.supplyAsync(archive, pool);
          future.whenComplete((result, failure) -> wake.propagateEvent(id));
          return future;
        });
  }

  /** Whether any of {@code run}'s logs is being archived now. */
  boolean underWay(PipelineRun run) {
    String uid = run.getMetadata().getUid();
    return work.entrySet().stream()
        .anyMatch(e -> e.getKey().runUid().equals(uid) && !e.getValue().isDone());
  }

  /** The results of {@code run}'s archives that finished since the last call, taken out. */
  List<LogResult> finished(PipelineRun run) {
    String uid = run.getMetadata().getUid();
    List<LogResult> results = new ArrayList<>();
    for (Map.Entry<Key, CompletableFuture<LogResult>> entry : work.entrySet()) {
      Key key = entry.getKey();
      if (!key.runUid().equals(uid) || !entry.getValue().isDone()) {
        continue;
      }
      if (!work.remove(key, entry.getValue())) {
        continue;
      }
      LogResult result = outcome(key, entry.getValue());
      switch (result) {
        case LogResult.Deferred deferred -> notBefore.put(key, clock.instant().plus(RETRY_AFTER));
        case LogResult.Archived archived when archived.logUrl() == null ->
            nothingStored.computeIfAbsent(uid, u -> ConcurrentHashMap.newKeySet()).add(key.step());
        default -> notBefore.remove(key);
      }
      results.add(result);
    }
    return results;
  }

  /** The steps of {@code run} whose archive stored nothing (no container ran): settled too. */
  Set<String> nothingStored(PipelineRun run) {
    return nothingStored.getOrDefault(run.getMetadata().getUid(), Set.of());
  }

  /** Forgets what is kept about {@code run} once its logs are settled. */
  void settled(PipelineRun run) {
    nothingStored.remove(run.getMetadata().getUid());
    notBefore.keySet().removeIf(k -> k.runUid().equals(run.getMetadata().getUid()));
  }

  private static LogResult outcome(Key key, CompletableFuture<LogResult> future) {
    try {
      return future.join();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new LogResult.Deferred(key.step(), String.valueOf(cause.getMessage()));
    }
  }

  void stop(@Observes ShutdownEvent shutdown) {
    pool.shutdownNow();
  }
}
