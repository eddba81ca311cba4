package dev.c8s.controller.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * An OutputStream that uploads to S3 in parts of {@value #PART_SIZE} bytes, so an object of any
 * size needs one part of memory; small objects become a single PUT.
 */
final class MultipartUploadStream extends OutputStream {
  /** S3's minimum part size (except the last part). */
  static final int PART_SIZE = 5 * 1024 * 1024;

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final String contentType;

  /** Grows to PART_SIZE only for large logs: many small logs followed at once stay small. */
  private byte[] part = new byte[64 * 1024];

  private final List<CompletedPart> parts = new ArrayList<>();
  private int filled;
  private String uploadId;
  private boolean closed;

  MultipartUploadStream(S3Client s3, String bucket, String key, String contentType) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.contentType = contentType;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    while (len > 0) {
      int n = Math.min(len, PART_SIZE - filled);
      if (filled + n > part.length) {
        part =
            java.util.Arrays.copyOf(
                part, Math.min(PART_SIZE, Math.max(part.length * 2, filled + n)));
      }
      System.arraycopy(b, off, part, filled, n);
      filled += n;
      off += n;
      len -= n;
      if (filled == PART_SIZE) {
        uploadPart();
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (uploadId == null) {
      s3.putObject(
          r -> r.bucket(bucket).key(key).contentType(contentType),
          RequestBody.fromBytes(java.util.Arrays.copyOf(part, filled)));
      return;
    }
    if (filled > 0) {
      uploadPart();
    }
    s3.completeMultipartUpload(
        r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
  }

  /** Gives up an unfinished upload so no orphan parts are billed. */
  void abort() {
    closed = true;
    if (uploadId != null) {
      s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
    }
  }

  private void uploadPart() {
    if (uploadId == null) {
      uploadId =
          s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType))
              .uploadId();
    }
    int number = parts.size() + 1;
    String etag =
        s3.uploadPart(
                r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                RequestBody.fromBytes(java.util.Arrays.copyOf(part, filled)))
            .eTag();
    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
    filled = 0;
  }
}
