package dev.c8s.controller.logs;

import dev.c8s.model.masking.SecretMasker;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  @Inject LogArchiver archiver;

  private final Map<String, CompletableFuture<String>> byPod = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

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
    byPod.computeIfAbsent(
        pod.getMetadata().getUid(),
        uid ->
            CompletableFuture.supplyAsync(
                () -> follow(namespace, run, step, pod, secretValues.get()), threads));
  }

  /**
   * The URL of the followed log once the follower has finished, waiting up to {@code atMost}; empty
   * when the pod was not followed or following failed (the caller reads the log instead).
   */
  public Optional<String> finished(Pod pod, Duration atMost) {
    CompletableFuture<String> following = byPod.remove(pod.getMetadata().getUid());
    if (following == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(following.get(atMost.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException | TimeoutException e) {
      following.cancel(true);
      LOG.warnf(
          "following the log of pod %s/%s failed (%s); reading it whole instead",
          pod.getMetadata().getNamespace(), pod.getMetadata().getName(), e);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Forgets a pod whose step was stopped or lost (its follower ends with its container). */
  public void forget(Pod pod) {
    byPod.remove(pod.getMetadata().getUid());
  }

  private String follow(
      String namespace, String run, String step, Pod pod, Collection<String> secretValues) {
    String key = ObjectKeys.log(namespace, run, step);
    SecretMasker masker = new SecretMasker(secretValues);
    List<String> before = LogArchiver.initContainersThatRan(pod);
    List<String> after = new ArrayList<>();
    if (pod.getSpec() != null) {
      pod.getSpec().getContainers().stream()
          .map(c -> c.getName())
          .filter(name -> !LogArchiver.STEP.equals(name))
          .forEach(after::add);
    }
    boolean headers = !before.isEmpty() || !after.isEmpty();
    MultipartUploadStream upload = archiver.upload(key);
    try {
      for (String container : before) {
        archiver.copy(upload, masker, pod, container, true, false);
      }
      archiver.copy(upload, masker, pod, LogArchiver.STEP, headers, true);
      // The step container ends only after the upload helper is done (it waits for it).
      for (String container : after) {
        archiver.copy(upload, masker, pod, container, true, false);
      }
      upload.close();
      return archiver.url(key);
    } catch (Exception e) {
      upload.abort();
      throw new IllegalStateException(e);
    }
  }

  @PreDestroy
  void stop() {
    threads.shutdownNow();
  }
}
