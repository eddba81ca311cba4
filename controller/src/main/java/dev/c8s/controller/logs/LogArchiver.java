package dev.c8s.controller.logs;

import dev.c8s.controller.config.StorageSettings;
import dev.c8s.model.masking.SecretMasker;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Streams a finished step's container log to object storage with every injected secret masked, in
 * constant memory.
 */
@ApplicationScoped
public class LogArchiver {
  private static final Logger LOG = Logger.getLogger(LogArchiver.class);
  private static final String CONTAINER = "step";

  @Inject KubernetesClient client;
  @Inject S3Client s3;
  @Inject StorageSettings storage;

  /**
   * Archives the log of {@code pod}'s step container; returns the object URL, or empty when the pod
   * has no log to read (it was never scheduled or is gone).
   */
  public Optional<String> archive(
      String namespace, String run, String step, String pod, Collection<String> secretValues) {
    String key = ObjectKeys.log(namespace, run, step);
    SecretMasker masker = new SecretMasker(secretValues);
    try (InputStream log =
        client
            .pods()
            .inNamespace(namespace)
            .withName(pod)
            .inContainer(CONTAINER)
            .getLogInputStream()) {
      MultipartUploadStream upload =
          new MultipartUploadStream(s3, storage.logsBucket(), key, "text/plain; charset=utf-8");
      try {
        long bytes = masker.copy(log, upload);
        upload.close();
        LOG.debugf("archived %d bytes of log for %s/%s step %s", bytes, namespace, run, step);
      } catch (IOException | RuntimeException e) {
        upload.abort();
        throw e;
      }
      return Optional.of(ObjectKeys.url(storage.logsBucket(), key));
    } catch (KubernetesClientException e) {
      LOG.warnf("no log for %s/%s step %s (pod %s): %s", namespace, run, step, pod, e.getMessage());
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
