package dev.c8s.controller.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.controller.ControlPlaneResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The controller's own S3 client, as configured, against S3Proxy over plain HTTP: step logs
 * archived one after another, as a busy controller stores them, all arrive (decision 0082).
 */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class LogUploadsIT {
  private static final String BUCKET = "log-uploads";
  private static final int LOGS = 2_000;

  @Inject S3Client s3;

  @Test
  void twoThousandSmallLogsInARowAreAllStored() {
    s3.createBucket(r -> r.bucket(BUCKET));
    byte[] log =
        "+ make test\nok  all 42 tests passed\n".repeat(8).getBytes(StandardCharsets.UTF_8);
    List<String> failed = new ArrayList<>();

    for (int i = 0; i < LOGS; i++) {
      MultipartUploadStream upload =
          new MultipartUploadStream(s3, BUCKET, "logs/step-" + (i % 50) + ".log", "text/plain");
      upload.write(log, 0, log.length);
      try {
        upload.close();
      } catch (RuntimeException e) {
        failed.add("log " + i + ": " + e.getMessage());
      }
    }

    assertThat(failed).isEmpty();
    assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("logs/step-7.log")).asByteArray())
        .isEqualTo(log);
  }
}
