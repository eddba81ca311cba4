package dev.c8s.controller.logs;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.c8s.controller.config.StorageSettings;
import dev.c8s.controller.job.HelperOutput;
import dev.c8s.model.masking.SecretMasker;
import dev.c8s.model.storage.ObjectKeys;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Copies a step pod's container logs to object storage with every injected secret masked, in
 * constant memory: the step's own output, preceded and followed by what the clone, download and
 * upload helpers printed, each under a {@code ==> name <==} header.
 */
@ApplicationScoped
public class LogArchiver {
  private static final Logger LOG = Logger.getLogger(LogArchiver.class);
  static final String STEP = "step";
  private static final int READ_ATTEMPTS = 3;

  @Inject LogStreamClient logs;
  @Inject S3Client s3;
  @Inject StorageSettings storage;

  /**
   * Archives the logs of {@code pod}'s containers that ran, as they are now; returns the object
   * URL, or empty when the pod has no log to read (it was never scheduled or is gone).
   */
  public Optional<String> archive(
      String namespace, String run, String step, Pod pod, Collection<String> secretValues) {
    for (int attempt = 1; ; attempt++) {
      try {
        return archiveOnce(namespace, run, step, pod, secretValues);
      } catch (UncheckedIOException e) {
        // The log stream broke mid-read; the pod is still there, so read it again from the start.
        if (attempt == READ_ATTEMPTS) {
          throw e;
        }
      } catch (KubernetesClientException e) {
        // No answer from the API server: the connection broke (an HTTP/2 stream reset, for one):
        // read it again; still broken, it is the caller's to retry later, like a failing store.
        boolean transport = e.getStatus() == null;
        if (transport && attempt == READ_ATTEMPTS) {
          throw e;
        }
        if (!transport) {
          LOG.warnf(
              "no log for %s/%s step %s (pod %s): %s",
              namespace, run, step, pod.getMetadata().getName(), e.getMessage());
          return Optional.empty();
        }
      }
    }
  }

  private Optional<String> archiveOnce(
      String namespace, String run, String step, Pod pod, Collection<String> secretValues) {
    List<String> containers = containersThatRan(pod);
    if (containers.isEmpty()) {
      return Optional.empty();
    }
    // A pod with just the step (no helpers ran) keeps the plain log, without headers.
    boolean headers = !containers.equals(List.of(STEP));
    SecretMasker masker = new SecretMasker(secretValues);
    String key = ObjectKeys.log(namespace, run, step);
    return Optional.of(
        store(
            key,
            upload -> {
              for (String container : containers) {
                copy(upload, masker, pod, container, headers);
              }
            }));
  }

  /** What writes an object's content. */
  private interface Content {
    void writeTo(MultipartUploadStream upload) throws IOException;
  }

  /** Uploads {@code content} to {@code key} whole, or not at all; returns the object URL. */
  private String store(String key, Content content) {
    MultipartUploadStream upload = upload(key);
    try {
      content.writeTo(upload);
      upload.close();
      return url(key);
    } catch (IOException e) {
      upload.abort();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      upload.abort();
      throw e;
    }
  }

  /**
   * The URL of the step's archived log if object storage holds it (a follower or an earlier pass
   * stored it whole); object storage failing throws, so the caller retries later.
   */
  public Optional<String> stored(String namespace, String run, String step) {
    String key = ObjectKeys.log(namespace, run, step);
    try {
      s3.headObject(r -> r.bucket(storage.logsBucket()).key(key));
      return Optional.of(url(key));
    } catch (NoSuchKeyException missing) {
      return Optional.empty();
    }
  }

  /**
   * The log of a step whose pod is gone (evicted, deleted, its node lost): the archive its follower
   * completed, else one assembled from the live segments it wrote while the step ran; empty when
   * neither exists. Object storage failing throws, so the caller retries later.
   */
  public Optional<String> archivedWithoutPod(String namespace, String run, String step) {
    Optional<String> stored = stored(namespace, run, step);
    if (stored.isPresent()) {
      return stored;
    }
    // Not archived: assemble what the follower wrote while the step ran, if anything.
    String key = ObjectKeys.log(namespace, run, step);
    String bucket = storage.logsBucket();
    LiveLogSegments live = liveSegments(namespace, run, step);
    List<String> segments = live.keys();
    if (segments.isEmpty()) {
      return Optional.empty();
    }
    store(
        key,
        upload -> {
          for (String segment : segments) {
            try (InputStream in = s3.getObject(r -> r.bucket(bucket).key(segment))) {
              in.transferTo(upload);
            }
          }
          upload.write(
              "\n(c8s: the pod was gone before the step ended; this is what it printed until then)\n"
                  .getBytes(UTF_8));
        });
    live.delete();
    return Optional.of(url(key));
  }

  MultipartUploadStream upload(String key) {
    return new MultipartUploadStream(s3, storage.logsBucket(), key, "text/plain; charset=utf-8");
  }

  /** The segments a follower writes while {@code step} runs. */
  LiveLogSegments liveSegments(String namespace, String run, String step) {
    return new LiveLogSegments(s3, storage.logsBucket(), namespace, run, step);
  }

  String url(String key) {
    return ObjectKeys.url(storage.logsBucket(), key);
  }

  /**
   * Appends one container's log as it is now; a helper's missing log leaves a note, the step's
   * missing log fails the copy. A helper that reported its output when it ended costs no request.
   */
  void copy(OutputStream upload, SecretMasker masker, Pod pod, String container, boolean header)
      throws IOException {
    if (header) {
      header(upload, container);
    }
    Optional<String> reported =
        STEP.equals(container) ? Optional.empty() : HelperOutput.of(pod, container);
    if (reported.isPresent()) {
      masker.copy(new ByteArrayInputStream(reported.get().getBytes(UTF_8)), upload);
      return;
    }
    try (InputStream log = PodLogs.open(logs.client(), pod, container, false)) {
      masker.copy(log, upload);
    } catch (KubernetesClientException e) {
      if (STEP.equals(container)) {
        throw e;
      }
      upload.write(("(no log: " + e.getMessage() + ")\n").getBytes(UTF_8));
    }
  }

  /**
   * Init containers then containers, in status order, that started (a container that never ran has
   * no log to read); the step container is always tried, as its status may not be recorded yet.
   */
  static void header(OutputStream upload, String container) throws IOException {
    byte[] line = ("==> " + container + " <==\n").getBytes(UTF_8);
    upload.write(line, 0, line.length);
  }

  /** The step container's log, followed until the container ends; closing it ends the request. */
  InputStream followStep(Pod pod) {
    return PodLogs.open(logs.client(), pod, STEP, true);
  }

  static List<String> containersThatRan(Pod pod) {
    List<String> ran = new ArrayList<>(initContainersThatRan(pod));
    boolean stepSeen = false;
    List<ContainerStatus> main =
        pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
    if (main != null) {
      for (ContainerStatus status : main) {
        stepSeen |= STEP.equals(status.getName());
        if (started(status)) {
          ran.add(status.getName());
        }
      }
    }
    if (!stepSeen) {
      ran.add(STEP);
    }
    // The step first among the containers: the upload helper prints after it.
    if (ran.remove(STEP)) {
      ran.add(initContainersThatRan(pod).size(), STEP);
    }
    return ran;
  }

  static List<String> initContainersThatRan(Pod pod) {
    List<ContainerStatus> statuses =
        pod.getStatus() == null ? null : pod.getStatus().getInitContainerStatuses();
    return statuses == null
        ? List.of()
        : statuses.stream().filter(LogArchiver::started).map(ContainerStatus::getName).toList();
  }

  /** Whether the pod's step container runs now (its log can be followed). */
  static boolean stepRunning(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getContainerStatuses() != null
        && pod.getStatus().getContainerStatuses().stream()
            .anyMatch(
                s ->
                    STEP.equals(s.getName())
                        && s.getState() != null
                        && s.getState().getRunning() != null);
  }

  private static boolean started(ContainerStatus status) {
    return status.getState() != null
        && (status.getState().getRunning() != null || status.getState().getTerminated() != null);
  }
}
