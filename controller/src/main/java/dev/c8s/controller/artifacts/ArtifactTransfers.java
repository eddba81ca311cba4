package dev.c8s.controller.artifacts;

import dev.c8s.controller.config.StorageSettings;
import dev.c8s.controller.job.StepTransfers;
import dev.c8s.model.engine.StepLaunch;
import dev.c8s.model.storage.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned URLs through which a step's pod uploads its artifact archive and downloads its upstream
 * steps' archives, so no storage credentials reach the team's namespace.
 */
@ApplicationScoped
public class ArtifactTransfers {
  /** SigV4 presigned URLs live at most seven days. */
  private static final Duration LONGEST = Duration.ofDays(7);

  /** Slack beyond the step timeout for pulling images and the upload itself. */
  private static final Duration SLACK = Duration.ofMinutes(30);

  @Inject S3Presigner presigner;
  @Inject S3Client s3;
  @Inject StorageSettings storage;

  /**
   * The URLs {@code launch} needs in run {@code run} of {@code namespace}.
   *
   * @param reused upstream steps reused from an earlier run (a resume) to the run that ran them,
   *     whose archive they hand on; other upstream archives are this run's
   * @param admissionWait how long the Job may wait before it starts (Kueue), on top of its timeout
   */
  public StepTransfers forLaunch(
      String namespace,
      String run,
      StepLaunch launch,
      Map<String, String> reused,
      Duration admissionWait) {
    Duration valid = min(launch.timeout().plus(admissionWait).plus(SLACK), LONGEST);
    String upload = null;
    if (!launch.artifacts().isEmpty()) {
      String key = ObjectKeys.artifacts(namespace, run, launch.name());
      upload =
          presigner
              .presignPutObject(
                  p ->
                      p.signatureDuration(valid)
                          .putObjectRequest(
                              r ->
                                  r.bucket(storage.artifactsBucket())
                                      .key(key)
                                      .contentType("application/gzip")))
              .url()
              .toString();
    }
    Map<String, String> downloads = new LinkedHashMap<>();
    for (String upstream : launch.upstreamArtifacts()) {
      String key = ObjectKeys.artifacts(namespace, reused.getOrDefault(upstream, run), upstream);
      downloads.put(
          upstream,
          presigner
              .presignGetObject(
                  p ->
                      p.signatureDuration(valid)
                          .getObjectRequest(r -> r.bucket(storage.artifactsBucket()).key(key)))
              .url()
              .toString());
    }
    return new StepTransfers(upload, downloads);
  }

  /** The archive's {@code s3://} URL once the step's upload container has stored it. */
  public Optional<String> archived(String namespace, String run, String step) {
    String url =
        ObjectKeys.url(storage.artifactsBucket(), ObjectKeys.artifacts(namespace, run, step));
    return exists(url) ? Optional.of(url) : Optional.empty();
  }

  /** Whether the object an {@code s3://} URL names is stored (not yet, or no longer: false). */
  public boolean exists(String url) {
    Optional<ObjectKeys.Location> location = ObjectKeys.parse(url);
    if (location.isEmpty()) {
      return false;
    }
    try {
      s3.headObject(r -> r.bucket(location.get().bucket()).key(location.get().key()));
      return true;
    } catch (NoSuchKeyException missing) {
      return false;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      // 403: S3 answers so for a missing key to a caller that may not list the bucket.
      if (e.statusCode() == 404 || e.statusCode() == 403) {
        return false;
      }
      throw e;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
