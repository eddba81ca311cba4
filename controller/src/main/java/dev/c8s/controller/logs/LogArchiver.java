package dev.c8s.controller.logs;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.c8s.controller.config.StorageSettings;
import dev.c8s.model.masking.SecretMasker;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Streams a step pod's container logs to object storage with every injected secret masked, in
 * constant memory: the step's own output, preceded and followed by what the clone, download and
 * upload helpers printed, each under a {@code ==> name <==} header.
 */
@ApplicationScoped
public class LogArchiver {
  private static final Logger LOG = Logger.getLogger(LogArchiver.class);
  private static final String STEP = "step";

  @Inject KubernetesClient client;
  @Inject S3Client s3;
  @Inject StorageSettings storage;

  /**
   * Archives the logs of {@code pod}'s containers that ran; returns the object URL, or empty when
   * the pod has no log to read (it was never scheduled or is gone).
   */
  public Optional<String> archive(
      String namespace, String run, String step, Pod pod, Collection<String> secretValues) {
    List<String> containers = containersThatRan(pod);
    if (containers.isEmpty()) {
      return Optional.empty();
    }
    // A pod with just the step (no helpers ran) keeps the plain log, without headers.
    boolean headers = !containers.equals(List.of(STEP));
    String key = ObjectKeys.log(namespace, run, step);
    SecretMasker masker = new SecretMasker(secretValues);
    MultipartUploadStream upload =
        new MultipartUploadStream(s3, storage.logsBucket(), key, "text/plain; charset=utf-8");
    try {
      long bytes = 0;
      for (String container : containers) {
        if (headers) {
          upload.write(("==> " + container + " <==\n").getBytes(UTF_8));
        }
        try (InputStream log = logOf(namespace, pod, container)) {
          bytes += masker.copy(log, upload);
        } catch (KubernetesClientException e) {
          if (STEP.equals(container)) {
            throw e;
          }
          // A helper's missing log must not cost the step's own.
          upload.write(("(no log: " + e.getMessage() + ")\n").getBytes(UTF_8));
        }
      }
      upload.close();
      LOG.debugf("archived %d bytes of log for %s/%s step %s", bytes, namespace, run, step);
      return Optional.of(ObjectKeys.url(storage.logsBucket(), key));
    } catch (KubernetesClientException e) {
      upload.abort();
      LOG.warnf(
          "no log for %s/%s step %s (pod %s): %s",
          namespace, run, step, pod.getMetadata().getName(), e.getMessage());
      return Optional.empty();
    } catch (IOException e) {
      upload.abort();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      upload.abort();
      throw e;
    }
  }

  private InputStream logOf(String namespace, Pod pod, String container) {
    return client
        .pods()
        .inNamespace(namespace)
        .withName(pod.getMetadata().getName())
        .inContainer(container)
        .getLogInputStream();
  }

  /**
   * Init containers then containers, in spec order, that started (a container that never ran has no
   * log to read); the step container is always tried, as its status may not be recorded yet.
   */
  static List<String> containersThatRan(Pod pod) {
    List<String> ran = new ArrayList<>();
    if (pod.getStatus() != null) {
      addStarted(ran, pod.getStatus().getInitContainerStatuses());
    }
    boolean stepSeen = false;
    List<ContainerStatus> main =
        pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
    if (main != null) {
      for (ContainerStatus status : main) {
        if (STEP.equals(status.getName())) {
          stepSeen = true;
          if (started(status)) {
            ran.add(STEP);
          }
        } else if (started(status)) {
          ran.add(status.getName());
        }
      }
    }
    if (!stepSeen) {
      ran.add(STEP);
    }
    return ran;
  }

  private static void addStarted(List<String> ran, List<ContainerStatus> statuses) {
    if (statuses != null) {
      statuses.stream().filter(LogArchiver::started).forEach(s -> ran.add(s.getName()));
    }
  }

  private static boolean started(ContainerStatus status) {
    return status.getState() != null
        && (status.getState().getRunning() != null || status.getState().getTerminated() != null);
  }
}
