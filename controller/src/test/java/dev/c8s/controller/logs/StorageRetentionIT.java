package dev.c8s.controller.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.c8s.testing.S3ProxyServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Against S3Proxy, which has no lifecycle support: the rule is reported missing, never fatal. */
class StorageRetentionIT {
  @Test
  void aStoreWithoutLifecycleSupportIsReportedAndTheBucketKeepsWorking() {
    try (S3Client s3 = LargeLogArchiveProbe.client(S3ProxyServer.shared().endpoint())) {
      s3.createBucket(b -> b.bucket("retention"));
      // What the warning is about: S3Proxy answers 501 Not Implemented.
      assertThatThrownBy(() -> s3.getBucketLifecycleConfiguration(r -> r.bucket("retention")))
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(501));

      assertThatCode(() -> StorageRetention.apply(s3, "retention", 30)).doesNotThrowAnyException();

      s3.putObject(b -> b.bucket("retention").key("a.log"), RequestBody.fromString("still here"));
      assertThat(s3.getObjectAsBytes(b -> b.bucket("retention").key("a.log")).asUtf8String())
          .isEqualTo("still here");
    }
  }
}
