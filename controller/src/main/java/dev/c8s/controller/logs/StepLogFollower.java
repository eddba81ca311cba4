package dev.c8s.controller.logs;

import dev.c8s.controller.config.ControllerSettings;
import dev.c8s.model.masking.SecretMasker;
import dev.c8s.model.storage.ObjectKeys;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Follows a running step's log into object storage from the moment its container starts, so the
 * archive holds everything it printed even when the kubelet rotates a large log away (it keeps only
 * the newest 10 MiB file by default) and a read after the step ended would miss the start.
 */
@ApplicationScoped
public class StepLogFollower {
  private static final Logger LOG = Logger.getLogger(StepLogFollower.class);

  /** A follower that has read nothing for this long after its step ended is not going to. */
  private static final Duration QUIET = Duration.ofSeconds(3);

  @Inject LogArchiver archiver;
  @Inject ControllerSettings settings;

  private final Map<String, Following> byPod = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  /** Ticks every followed step's live segments; the writes run on the follower threads. */
  private static final ScheduledExecutorService FLUSHER =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("live-log-flush").unstarted(r));

  /** One pod's follower: its result, when it last read, and the watch to close if abandoned. */
  private static final class Following {
    volatile CompletableFuture<String> result;
    volatile long lastRead = System.nanoTime();
    volatile InputStream watch;

    boolean quiet() {
      return System.nanoTime() - lastRead > QUIET.toNanos();
    }

    void abandon() {
      result.cancel(true);
      InputStream w = watch;
      if (w != null) {
        closeQuietly(w);
      }
    }
  }

  /** Starts following {@code pod}'s step container once, if it runs now. */
  public void followIfRunning(
      String namespace,
      String run,
      String step,
      Pod pod,
      Supplier<Collection<String>> secretValues) {
    if (!LogArchiver.stepRunning(pod)) {
      return;
    }
    // Beyond the bound a step's log is read whole once it has ended, as before following existed.
    if (byPod.size() >= settings.maxLogFollowers()
        && !byPod.containsKey(pod.getMetadata().getUid())) {
      return;
    }
    byPod.computeIfAbsent(
        pod.getMetadata().getUid(),
        uid -> {
          Following following = new Following();
          following.result =
              CompletableFuture.supplyAsync(
                  () -> follow(following, namespace, run, step, pod, secretValues.get()), threads);
          return following;
        });
  }

  /**
   * The URL of the followed log once the follower has finished, waiting up to {@code atMost} while
   * it still reads; empty when the pod was not followed, following failed or stalled (a log server
   * that keeps the stream open after the container ended), and the caller reads the log instead.
   */
  public Optional<String> finished(Pod pod, Duration atMost) {
    Following following = byPod.remove(pod.getMetadata().getUid());
    if (following == null) {
      return Optional.empty();
    }
    long deadline = System.nanoTime() + atMost.toNanos();
    try {
      while (true) {
        try {
          return Optional.of(following.result.get(200, TimeUnit.MILLISECONDS));
        } catch (TimeoutException stillReading) {
          if (following.quiet() || System.nanoTime() > deadline) {
            following.abandon();
            return Optional.empty();
          }
        }
      }
    } catch (ExecutionException e) {
      LOG.warnf(
          "following the log of pod %s/%s failed (%s); reading it whole instead",
          pod.getMetadata().getNamespace(), pod.getMetadata().getName(), rootCause(e));
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      following.abandon();
      return Optional.empty();
    }
  }

  /**
   * Lets a stopped step's follower finish on its own: it ends with the container, within the step's
   * termination grace; one still reading a minute later is closed.
   */
  public void forget(Pod pod) {
    Following following = byPod.remove(pod.getMetadata().getUid());
    if (following != null) {
      CompletableFuture.delayedExecutor(1, TimeUnit.MINUTES)
          .execute(
              () -> {
                if (!following.result.isDone()) {
                  following.abandon();
                }
              });
    }
  }

  private String follow(
      Following following,
      String namespace,
      String run,
      String step,
      Pod pod,
      Collection<String> secretValues) {
    String key = ObjectKeys.log(namespace, run, step);
    SecretMasker masker = new SecretMasker(secretValues);
    List<String> before = LogArchiver.initContainersThatRan(pod);
    List<String> after = new ArrayList<>();
    pod.getSpec().getContainers().stream()
        .map(c -> c.getName())
        .filter(name -> !LogArchiver.STEP.equals(name))
        .forEach(after::add);
    boolean headers = !before.isEmpty() || !after.isEmpty();
    MultipartUploadStream upload = archiver.upload(key);
    LiveLogSegments live = archiver.liveSegments(namespace, run, step);
    OutputStream out = new TeeStream(upload, live);
    ScheduledFuture<?> flushing =
        FLUSHER.scheduleWithFixedDelay(flushOffTheTimer(live), 1, 1, TimeUnit.SECONDS);
    try {
      for (String container : before) {
        archiver.copy(out, masker, pod, container, true);
      }
      if (headers) {
        LogArchiver.header(out, LogArchiver.STEP);
      }
      following.watch = archiver.followStep(pod);
      try (InputStream log = new Progress(following.watch, following)) {
        // Live: bytes reach the segments as they are read, not a 64 KiB buffer later.
        masker.copyLive(log, out);
      }
      // The step container ends only after the upload helper is done (it waits for it).
      for (String container : after) {
        archiver.copy(out, masker, pod, container, true);
      }
      upload.close();
      flushing.cancel(false);
      live.deleteIfWritten();
      return archiver.url(key);
    } catch (IOException | RuntimeException e) {
      upload.abort();
      // What was printed so far stays readable from the live segments, the archive's fallback.
      flushing.cancel(false);
      live.flush();
      throw new IllegalStateException("following the log of step " + step + " failed", e);
    }
  }

  /**
   * The timer only hands the write to a thread of its own: a slow object store then delays this
   * step's live segments, not every step's. One write at a time per step; a tick that finds one
   * still running skips.
   */
  private Runnable flushOffTheTimer(LiveLogSegments live) {
    AtomicBoolean writing = new AtomicBoolean();
    return () -> {
      if (writing.compareAndSet(false, true)) {
        threads.execute(
            () -> {
              try {
                live.flushIfDue();
              } finally {
                writing.set(false);
              }
            });
      }
    };
  }

  /** The innermost cause, which names what actually failed (the stream, the store). */
  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Notes when the followed stream last delivered bytes. */
  private static final class Progress extends FilterInputStream {
    private final Following following;

    Progress(InputStream in, Following following) {
      super(in);
      this.following = following;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      following.lastRead = System.nanoTime();
      return n;
    }
  }

  @PreDestroy
  void stop() {
    threads.shutdownNow();
  }

  private static void closeQuietly(InputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // The request is gone either way.
    }
  }
}
