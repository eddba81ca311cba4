package dev.c8s.api.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;

/** Reads archived objects as streams and presigns downloads; a missing object is empty. */
@ApplicationScoped
public class ObjectStore {
  private final S3Client s3;
  private final S3Presigner presigner;

  ObjectStore(S3Client s3, S3Presigner presigner) {
    this.s3 = s3;
    this.presigner = presigner;
  }

  /** The object's content, to be closed by the caller, or empty when it does not exist. */
  public Optional<InputStream> open(String bucket, String key) {
    try {
      return Optional.of(s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build()));
    } catch (NoSuchKeyException | NoSuchBucketException e) {
      return Optional.empty();
    }
  }

  /**
   * The objects under {@code prefix} in key order as one stream, each opened when the previous one
   * is read; empty when there are none. An object deleted meanwhile is skipped.
   */
  public Optional<InputStream> openAll(String bucket, String prefix) {
    List<String> keys;
    try {
      keys =
          s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
              .map(S3Object::key)
              .sorted()
              .toList();
    } catch (NoSuchBucketException e) {
      return Optional.empty();
    }
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    Iterator<String> next = keys.iterator();
    Enumeration<InputStream> parts =
        new Enumeration<>() {
          @Override
          public boolean hasMoreElements() {
            return next.hasNext();
          }

          @Override
          public InputStream nextElement() {
            return open(bucket, next.next()).orElseGet(InputStream::nullInputStream);
          }
        };
    return Optional.of(new SequenceInputStream(parts));
  }

  /** Whether the object exists. */
  public boolean exists(String bucket, String key) {
    try {
      s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
      return true;
    } catch (NoSuchKeyException | NoSuchBucketException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** A URL that downloads the object without credentials until it expires. */
  public PresignedUrl presign(String bucket, String key, Duration ttl) {
    var presigned =
        presigner.presignGetObject(
            GetObjectPresignRequest.builder()
                .signatureDuration(ttl)
                .getObjectRequest(GetObjectRequest.builder().bucket(bucket).key(key).build())
                .build());
    return new PresignedUrl(URI.create(presigned.url().toString()), presigned.expiration());
  }

  /**
   * A presigned download.
   *
   * @param url the URL
   * @param expiresAt when it stops working
   */
  public record PresignedUrl(URI url, Instant expiresAt) {}
}
