package dev.c8s.controller.logs;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.c8s.model.storage.ObjectKeys;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A running step's masked log as numbered segment objects ({@link ObjectKeys#liveSegment}), so what
 * it printed so far can be read from object storage while it runs and survives its pod. A segment
 * is written when {@value #SEGMENT_SIZE} bytes are pending or the oldest pending byte is {@link
 * #MAX_AGE} old; memory per step stays one segment.
 */
final class LiveLogSegments extends OutputStream {
  private static final Logger LOG = Logger.getLogger(LiveLogSegments.class);

  /** Largest segment. */
  static final int SEGMENT_SIZE = 256 * 1024;

  /** Longest a printed line waits before it can be read from object storage. */
  static final Duration MAX_AGE = Duration.ofSeconds(2);

  private final S3Client s3;
  private final String bucket;
  private final String namespace;
  private final String run;
  private final String step;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private long pendingSince;
  private long dropped;
  private int next;

  LiveLogSegments(S3Client s3, String bucket, String namespace, String run, String step) {
    this.s3 = s3;
    this.bucket = bucket;
    this.namespace = namespace;
    this.run = run;
    this.step = step;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] bytes, int off, int len) {
    while (len > 0) {
      if (pending.size() == 0) {
        pendingSince = System.nanoTime();
      }
      int n = Math.min(len, SEGMENT_SIZE - pending.size());
      pending.write(bytes, off, n);
      off += n;
      len -= n;
      if (pending.size() >= SEGMENT_SIZE) {
        flush();
      }
    }
  }

  /** Writes the pending bytes if the oldest of them has waited {@link #MAX_AGE}. */
  synchronized void flushIfDue() {
    if (pending.size() > 0 && System.nanoTime() - pendingSince >= MAX_AGE.toNanos()) {
      flush();
    }
  }

  /**
   * Writes the pending bytes as the next segment. When object storage refuses it, the bytes are
   * dropped from the live view (the archive still gets them) and the next segment says so, so
   * memory stays bounded through an outage.
   */
  @Override
  public synchronized void flush() {
    if (pending.size() == 0) {
      return;
    }
    byte[] segment = pending.toByteArray();
    pending.reset();
    if (dropped > 0) {
      byte[] note =
          ("\n(c8s: %d bytes are missing here in the live log; the archived log has them)\n"
                  .formatted(dropped))
              .getBytes(UTF_8);
      byte[] joined = new byte[note.length + segment.length];
      System.arraycopy(note, 0, joined, 0, note.length);
      System.arraycopy(segment, 0, joined, note.length, segment.length);
      segment = joined;
    }
    String key = ObjectKeys.liveSegment(namespace, run, step, next);
    try {
      s3.putObject(
          r -> r.bucket(bucket).key(key).contentType("text/plain; charset=utf-8"),
          RequestBody.fromBytes(segment));
      next++;
      dropped = 0;
    } catch (SdkException e) {
      dropped += segment.length;
      LOG.debugf("live log segment %s not written: %s", key, e.getMessage());
    }
  }

  /** The keys of the segments written so far, in writing order. */
  List<String> keys() {
    return s3
        .listObjectsV2Paginator(
            r -> r.bucket(bucket).prefix(ObjectKeys.liveSegments(namespace, run, step)))
        .contents()
        .stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }

  /**
   * As {@link #delete}, without a listing when this writer wrote no segment (a step that ended
   * within {@link #MAX_AGE}, most of them): one object-storage call less per step. Segments an
   * earlier controller's follower wrote for the same step are then left to the bucket's expiry.
   */
  void deleteIfWritten() {
    if (next > 0) {
      delete();
    }
  }

  /** Deletes the segments once the archive holds the whole log; a failure leaves them to expiry. */
  void delete() {
    try {
      List<ObjectIdentifier> keys =
          keys().stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
      for (int from = 0; from < keys.size(); from += 1000) {
        List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + 1000));
        s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
      }
    } catch (SdkException e) {
      LOG.debugf(
          "live log segments of %s/%s step %s not deleted: %s",
          namespace, run, step, e.getMessage());
    }
  }

  @Override
  public void close() {
    flush();
  }
}
