package dev.c8s.controller.logs;

import dev.c8s.model.storage.StepLogKeys;

/** The object-storage layout of logs and artifacts, shared with the api-server by convention. */
public final class ObjectKeys {
  private ObjectKeys() {}

  /** {@code <namespace>/<run>/<step>.log}. */
  public static String log(String namespace, String run, String step) {
    return StepLogKeys.archive(namespace, run, step);
  }

  /** {@code <namespace>/<run>/<step>/artifacts.tar.gz}. */
  public static String artifacts(String namespace, String run, String step) {
    return namespace + "/" + run + "/" + step + "/artifacts.tar.gz";
  }

  /** {@code s3://<bucket>/<key>}, the form status URLs take. */
  public static String url(String bucket, String key) {
    return "s3://" + bucket + "/" + key;
  }
}
