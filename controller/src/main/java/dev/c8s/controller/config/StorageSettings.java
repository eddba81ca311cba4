package dev.c8s.controller.config;

import dev.c8s.model.storage.ObjectKeys;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where logs and artifacts go ({@code c8s.storage.*}); the S3 client itself is quarkus.s3.*. */
@ConfigMapping(prefix = "c8s.storage")
public interface StorageSettings {

  /** Bucket of step logs: {@code <namespace>/<run>/<step>.log}. */
  @WithDefault(ObjectKeys.DEFAULT_LOGS_BUCKET)
  String logsBucket();

  /** Bucket of step artifacts: {@code <namespace>/<run>/<step>/artifacts.tar.gz}. */
  @WithDefault(ObjectKeys.DEFAULT_ARTIFACTS_BUCKET)
  String artifactsBucket();

  /**
   * Days after which object storage deletes a step log (a lifecycle rule on the logs bucket that
   * the controller keeps); 0 leaves the bucket's lifecycle to its owner.
   */
  @WithDefault("30")
  int logsRetentionDays();

  /** Days after which object storage deletes an artifact archive; 0 as above. */
  @WithDefault("30")
  int artifactsRetentionDays();

  /** Create the buckets at startup when they are missing (handy with MinIO in the dev loop). */
  @WithDefault("false")
  boolean createBuckets();
}
