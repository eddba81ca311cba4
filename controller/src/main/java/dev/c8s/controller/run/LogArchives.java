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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Archives finished steps' logs apart from reconciliations, a few at once: a pass hands a log over
 * and goes on (neither the next Jobs nor the status wait for object storage), and a finished
 * archive the run waits for wakes it; the next pass writes the result down and only then lets it go
 * ({@link #written}), so a status write that fails loses nothing.
 */
@ApplicationScoped
class LogArchives {
  /** After object storage refused a log, how long before it is tried again. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  /**
   * What is kept of a run that no pass has asked about for this long is dropped (a deleted run).
   */
  private static final Duration FORGOTTEN_AFTER = Duration.ofHours(1);

  private final Map<String, RunLogs> runs = new ConcurrentHashMap<>();
  private final ExecutorService pool;
  private final Clock clock;
  private final SimpleInboundEventSource<PipelineRun> wake =
      new SimpleInboundEventSource<>("log-archives");
  private volatile Instant lastSweep = Instant.EPOCH;

  @Inject
  LogArchives(ControllerSettings settings, Clock clock) {
    this.pool =
        Executors.newFixedThreadPool(
            settings.logArchivers(),
            Thread.ofPlatform().daemon().name("log-archive-", 0).factory());
    this.clock = clock;
  }

  /** The event source through which finished archives wake their runs. */
  SimpleInboundEventSource<PipelineRun> eventSource() {
    return wake;
  }

  /**
   * Starts archiving {@code step}'s log of {@code run} unless it is under way, finished and not yet
   * written down, or refused moments ago; never blocks. The archive of a step not ended yet wakes
   * no pass: the pass of the step's end collects it.
   */
  void start(PipelineRun run, String step, Supplier<LogResult> archive) {
    start(run, step, archive, false);
  }

  /**
   * As {@link #start(PipelineRun, String, Supplier)}, for an ended step whose log the run already
   * waits for (a retry after object storage refused it, or after a restart): its end wakes the run.
   */
  void retry(PipelineRun run, String step, Supplier<LogResult> archive) {
    start(run, step, archive, true);
  }

  private void start(PipelineRun run, String step, Supplier<LogResult> archive, boolean awaited) {
    RunLogs logs = of(run);
    Instant now = clock.instant();
    Instant after = logs.notBefore.get(step);
    if (after != null && now.isBefore(after)) {
      return;
    }
    ResourceID id = ResourceID.fromResource(run);
    if (awaited) {
      logs.mark(step);
    }
    try {
      logs.work.computeIfAbsent(
          step,
          s -> {
            CompletableFuture<LogResult> future = CompletableFuture.supplyAsync(archive, pool);
            // Only a run that has asked for it is woken: an archive started ahead of its step's
            // end is collected by the pass that the end wakes, and a pass of its own would find
            // nothing to write (about one pass in four, in the controller benchmark).
            future.whenComplete(
                (result, failure) -> {
                  if (logs.awaits(s)) {
                    wake.propagateEvent(id);
                  }
                });
            return future;
          });
      logs.notBefore.remove(step);
    } catch (RejectedExecutionException stopping) {
      // The controller is stopping: the run stays Archiving, and the next controller archives it.
      logs.notBefore.put(step, now.plus(RETRY_AFTER));
    }
  }

  /**
   * Whether anything about {@code run}'s logs is still to come besides {@code collected} (this
   * pass's results): an archive of an {@code ended} step under way or finished since, or a refused
   * one to try again. Archives of steps not ended yet (started when their pod ended) are not.
   */
  boolean outstanding(PipelineRun run, List<LogResult> collected, Set<String> ended) {
    RunLogs logs = runs.get(run.getMetadata().getUid());
    if (logs == null) {
      return false;
    }
    if (!logs.notBefore.isEmpty()) {
      return true;
    }
    Set<String> done = new HashSet<>();
    collected.forEach(r -> done.add(r.step()));
    return logs.work.keySet().stream()
        .anyMatch(step -> ended.contains(step) && !done.contains(step));
  }

  /**
   * The results of {@code run}'s archives of {@code ended} steps that have finished, still kept
   * until {@link #written}; a refused one is held back from a new attempt for {@link #RETRY_AFTER}.
   * The archive of a step not ended yet waits for its end: the log's URL and the end are written
   * together. Those of ended steps still under way wake the run when they end.
   */
  List<LogResult> finished(PipelineRun run, Set<String> ended) {
    RunLogs logs = runs.get(run.getMetadata().getUid());
    if (logs == null) {
      return List.of();
    }
    List<LogResult> results = new ArrayList<>();
    logs.work.forEach(
        (step, future) -> {
          if (ended.contains(step) && logs.await(step, future)) {
            results.add(outcome(step, future));
          }
        });
    noted(run, results);
    return results;
  }

  /**
   * Remembers what {@code results} say beyond the status: steps whose archive stored nothing (no
   * container ran) and steps whose log is lost are settled; a refused one is tried again later.
   */
  void noted(PipelineRun run, List<LogResult> results) {
    if (results.isEmpty()) {
      return;
    }
    RunLogs logs = of(run);
    for (LogResult result : results) {
      switch (result) {
        case LogResult.Deferred deferred ->
            logs.notBefore.put(deferred.step(), clock.instant().plus(RETRY_AFTER));
        case LogResult.Archived archived when archived.logUrl() == null ->
            logs.settled.put(archived.step(), "");
        case LogResult.Lost lost -> logs.settled.put(lost.step(), lost.message());
        default -> {}
      }
    }
  }

  /**
   * Drops what is kept of {@code step}'s archive of {@code run}, finished or not: its log was
   * archived another way (when the step was stopped). An archive still under way ends unheard.
   */
  void forget(PipelineRun run, String step) {
    RunLogs logs = runs.get(run.getMetadata().getUid());
    if (logs != null) {
      logs.work.remove(step);
      logs.notBefore.remove(step);
      logs.release(step);
    }
  }

  /**
   * Lets go of the finished archives among {@code results}, now that the status holds them, and of
   * everything kept about the run once its logs are {@code settled}.
   */
  void written(PipelineRun run, List<LogResult> results, boolean settled) {
    String uid = run.getMetadata().getUid();
    RunLogs logs = runs.get(uid);
    if (logs == null) {
      return;
    }
    for (LogResult result : results) {
      CompletableFuture<LogResult> future = logs.work.get(result.step());
      if (future != null && future.isDone() && logs.work.remove(result.step(), future)) {
        logs.release(result.step());
      }
    }
    if (settled) {
      runs.computeIfPresent(uid, (u, kept) -> kept.work.isEmpty() ? null : kept);
    }
  }

  /**
   * The steps of {@code run} whose log is settled without a URL: nothing to store (empty message)
   * or lost (why).
   */
  Map<String, String> settledWithoutLog(PipelineRun run) {
    RunLogs logs = runs.get(run.getMetadata().getUid());
    return logs == null ? Map.of() : Map.copyOf(logs.settled);
  }

  private RunLogs of(PipelineRun run) {
    sweep();
    RunLogs logs = runs.computeIfAbsent(run.getMetadata().getUid(), uid -> new RunLogs());
    logs.touched = clock.instant();
    return logs;
  }

  /** Drops, at most once a minute, what is kept of runs no pass asked about for an hour. */
  private void sweep() {
    Instant now = clock.instant();
    if (Duration.between(lastSweep, now).compareTo(Duration.ofMinutes(1)) < 0) {
      return;
    }
    lastSweep = now;
    Instant before = now.minus(FORGOTTEN_AFTER);
    runs.values().removeIf(logs -> logs.touched.isBefore(before));
  }

  private static LogResult outcome(String step, CompletableFuture<LogResult> future) {
    try {
      return future.join();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new LogResult.Deferred(step, String.valueOf(cause.getMessage()));
    }
  }

  void stop(@Observes ShutdownEvent shutdown) {
    // Archives under way may finish; the process halts soon after anyway (LeaseHandover).
    pool.shutdown();
  }

  /** What is kept of one run's logs, by step. */
  private static final class RunLogs {
    final Map<String, CompletableFuture<LogResult>> work = new ConcurrentHashMap<>();
    final Map<String, Instant> notBefore = new ConcurrentHashMap<>();
    final Map<String, String> settled = new ConcurrentHashMap<>();

    /** Steps whose archive a pass has looked for: their run waits for it. */
    final Set<String> awaited = new HashSet<>();

    volatile Instant touched;

    /**
     * Notes that a pass waits for {@code step}'s archive and tells whether it has finished. Under
     * the same lock as {@link #awaits}: either this sees the archive finished, or the archive's end
     * sees the run waiting and wakes it; never neither.
     */
    synchronized boolean await(String step, CompletableFuture<LogResult> archive) {
      awaited.add(step);
      return archive.isDone();
    }

    synchronized void mark(String step) {
      awaited.add(step);
    }

    synchronized boolean awaits(String step) {
      return awaited.contains(step);
    }

    synchronized void release(String step) {
      awaited.remove(step);
    }
  }
}
