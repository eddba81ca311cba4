package dev.c8s.model.storage;

import java.util.Optional;

/**
 * The object-storage layout of logs and artifacts: the controller writes there and the api-server
 * reads there, so it is defined once.
 */
public final class ObjectKeys {
  /**
   * The logs bucket when {@code c8s.storage.logs-bucket} is not set (controller and api-server).
   */
  public static final String DEFAULT_LOGS_BUCKET = "c8s-logs";

  /** The artifacts bucket when {@code c8s.storage.artifacts-bucket} is not set. */
  public static final String DEFAULT_ARTIFACTS_BUCKET = "c8s-artifacts";

  private static final String LIVE = ".live/";
  private static final String S3 = "s3://";

  private ObjectKeys() {}

  /** The archived log, complete once the step has ended: {@code <namespace>/<run>/<step>.log}. */
  public static String log(String namespace, String run, String step) {
    return namespace + "/" + run + "/" + step + ".log";
  }

  /**
   * The folder of a running step's log segments, {@code <namespace>/<run>/<step>.log.live/}: what
   * the step printed so far, in numbered objects, deleted once the archive is complete.
   */
  public static String liveSegments(String namespace, String run, String step) {
    return log(namespace, run, step) + LIVE;
  }

  /** Segment {@code index} of a running step's log; the zero-padded numbers sort in order. */
  public static String liveSegment(String namespace, String run, String step, int index) {
    return liveSegments(namespace, run, step) + "%08d".formatted(index);
  }

  /** A step's artifact archive: {@code <namespace>/<run>/<step>/artifacts.tar.gz}. */
  public static String artifacts(String namespace, String run, String step) {
    return namespace + "/" + run + "/" + step + "/artifacts.tar.gz";
  }

  /** {@code s3://<bucket>/<key>}, the form the status's {@code logURL} and artifact URLs take. */
  public static String url(String bucket, String key) {
    return S3 + bucket + "/" + key;
  }

  /** Bucket and key of an {@code s3://bucket/key} URL, or empty for any other form. */
  public static Optional<Location> parse(String url) {
    if (url == null || !url.startsWith(S3)) {
      return Optional.empty();
    }
    String rest = url.substring(S3.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new Location(rest.substring(0, slash), rest.substring(slash + 1)));
  }

  /** An object's bucket and key. */
  public record Location(String bucket, String key) {}
}
