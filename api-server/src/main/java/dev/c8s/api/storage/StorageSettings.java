package dev.c8s.api.storage;

import dev.c8s.model.storage.ObjectKeys;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the controller archives logs and artifacts ({@code c8s.storage.*}). */
@ConfigMapping(prefix = "c8s.storage")
public interface StorageSettings {

  /** Bucket of the archived step logs: {@code <namespace>/<run>/<step>.log}. */
  @WithDefault(ObjectKeys.DEFAULT_LOGS_BUCKET)
  String logsBucket();

  /** Bucket of the artifact archives: {@code <namespace>/<run>/<step>/artifacts.tar.gz}. */
  @WithDefault(ObjectKeys.DEFAULT_ARTIFACTS_BUCKET)
  String artifactsBucket();

  /** How long a presigned archive URL stays valid. */
  @WithDefault("5m")
  Duration presignTtl();
}
