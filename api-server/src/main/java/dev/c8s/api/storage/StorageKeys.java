package dev.c8s.api.storage;

import dev.c8s.model.storage.StepLogKeys;
import java.util.Optional;

/** The object keys of the storage layout agreed with the controller. */
public final class StorageKeys {
  private StorageKeys() {}

  /** {@code <namespace>/<run>/<step>.log} in the logs bucket. */
  public static String log(String namespace, String run, String step) {
    return StepLogKeys.archive(namespace, run, step);
  }

  /** {@code <namespace>/<run>/<step>/artifacts.tar.gz} in the artifacts bucket. */
  public static String artifacts(String namespace, String run, String step) {
    return namespace + "/" + run + "/" + step + "/artifacts.tar.gz";
  }

  /**
   * Bucket and key of an {@code s3://bucket/key} URL (as the controller writes to {@code logURL}),
   * or empty for any other form.
   */
  public static Optional<Location> parse(String url) {
    if (url == null || !url.startsWith("s3://")) {
      return Optional.empty();
    }
    String rest = url.substring("s3://".length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new Location(rest.substring(0, slash), rest.substring(slash + 1)));
  }

  /** An object's bucket and key. */
  public record Location(String bucket, String key) {}
}
