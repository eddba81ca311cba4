package dev.c8s.controller.logs;

import dev.c8s.controller.config.StorageSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Keeps one expiry rule on the logs and artifacts buckets, so object storage deletes old logs and
 * archives itself (seed 001: logs after 30 days); the buckets' other rules are left as they are.
 */
@ApplicationScoped
public class StorageRetention {
  /** The ID of c8s' rule in a bucket's lifecycle configuration. */
  public static final String RULE_ID = "c8s-retention";

  private static final Logger LOG = Logger.getLogger(StorageRetention.class);

  // After BucketSetup, which may have to create the buckets first. Runs depend on neither rule, so
  // building the S3 client and its four round trips happen beside start-up rather
  // than in it: about 0.8 s of the controller's readiness (docs/performance.md, "Start-up").
  void onStart(
      @Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 10)
          StartupEvent event,
      StorageSettings storage,
      Instance<S3Client> client) {
    Thread.ofVirtual()
        .name("storage-retention")
        .start(
            () -> {
              S3Client s3 = client.get();
              apply(s3, storage.logsBucket(), storage.logsRetentionDays());
              apply(s3, storage.artifactsBucket(), storage.artifactsRetentionDays());
            });
  }

  /**
   * Puts the rule for {@code days} (or removes it for 0); a store that refuses lifecycle rules (no
   * permission, not implemented) is reported, never fatal: runs do not depend on it.
   */
  static void apply(S3Client s3, String bucket, int days) {
    try {
      List<LifecycleRule> existing = rules(s3, bucket);
      List<LifecycleRule> wanted = merged(existing, days);
      if (wanted.equals(existing)) {
        return;
      }
      if (wanted.isEmpty()) {
        s3.deleteBucketLifecycle(r -> r.bucket(bucket));
      } else {
        s3.putBucketLifecycleConfiguration(
            r -> r.bucket(bucket).lifecycleConfiguration(c -> c.rules(wanted)));
      }
      LOG.infof(
          "bucket %s: objects expire after %d days (lifecycle rule %s)", bucket, days, RULE_ID);
    } catch (SdkException e) {
      LOG.warnf(
          "bucket %s: could not set the %d-day expiry rule (%s); objects stay until deleted."
              + " Give the controller s3:GetLifecycleConfiguration and s3:PutLifecycleConfiguration,"
              + " or set the rule on the bucket yourself, or set the retention to 0 to silence this",
          bucket, days, e.getMessage());
    }
  }

  private static List<LifecycleRule> rules(S3Client s3, String bucket) {
    try {
      return s3.getBucketLifecycleConfiguration(r -> r.bucket(bucket)).rules();
    } catch (S3Exception e) {
      if ("NoSuchLifecycleConfiguration".equals(e.awsErrorDetails().errorCode())) {
        return List.of();
      }
      throw e;
    }
  }

  /** The bucket's rules with c8s' rule set for {@code days}, or without it for 0. */
  static List<LifecycleRule> merged(List<LifecycleRule> existing, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("retention days must be 0 (off) or more, not " + days);
    }
    List<LifecycleRule> rules = new ArrayList<>();
    boolean placed = false;
    for (LifecycleRule rule : existing) {
      if (!RULE_ID.equals(rule.id())) {
        rules.add(rule);
      } else if (days > 0 && !placed) {
        // In its old place, so an unchanged configuration compares equal and is not written.
        rules.add(rule(days));
        placed = true;
      }
    }
    if (days > 0 && !placed) {
      rules.add(rule(days));
    }
    return rules;
  }

  /** Every object of the bucket expires {@code days} after it was written. */
  static LifecycleRule rule(int days) {
    return LifecycleRule.builder()
        .id(RULE_ID)
        .status(ExpirationStatus.ENABLED)
        .filter(LifecycleRuleFilter.builder().prefix("").build())
        .expiration(LifecycleExpiration.builder().days(days).build())
        .build();
  }
}
