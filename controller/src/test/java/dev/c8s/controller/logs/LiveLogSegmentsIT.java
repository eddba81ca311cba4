package dev.c8s.controller.logs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.storage.ObjectKeys;
import dev.c8s.testing.S3ProxyServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

class LiveLogSegmentsIT {
  private static final String BUCKET = "live-segments";
  private S3Client s3;

  @BeforeEach
  void bucket() {
    s3 = LargeLogArchiveProbe.client(S3ProxyServer.shared().endpoint());
    if (!s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET))) {
      s3.createBucket(b -> b.bucket(BUCKET));
    }
  }

  @AfterEach
  void close() {
    s3.close();
  }

  private List<String> keys(String step) {
    return s3
        .listObjectsV2Paginator(
            r -> r.bucket(BUCKET).prefix(ObjectKeys.liveSegments("ns", "run", step)))
        .contents()
        .stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }

  private String text(List<String> keys) {
    StringBuilder all = new StringBuilder();
    keys.forEach(k -> all.append(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(k)).asUtf8String()));
    return all.toString();
  }

  @Test
  void aFullSegmentIsWrittenAtOnceAndTheRestOnFlushInOrder() {
    LiveLogSegments live = new LiveLogSegments(s3, BUCKET, "ns", "run", "big");
    byte[] line = "x".repeat(1023).concat("\n").getBytes(UTF_8);
    int lines = LiveLogSegments.SEGMENT_SIZE / line.length + 10;
    for (int i = 0; i < lines; i++) {
      live.write(line, 0, line.length);
    }
    assertThat(keys("big")).hasSize(1);

    live.flush();

    assertThat(keys("big")).hasSize(2);
    assertThat(text(keys("big"))).hasSize(lines * line.length);
  }

  @Test
  void bytesWaitForTheirAgeBeforeAFlushIfDueWritesThem() {
    LiveLogSegments live = new LiveLogSegments(s3, BUCKET, "ns", "run", "slow");
    live.write("first line\n".getBytes(UTF_8), 0, 11);
    live.flushIfDue();
    assertThat(keys("slow")).as("a line printed just now waits").isEmpty();

    org.awaitility.Awaitility.await()
        .atMost(LiveLogSegments.MAX_AGE.plusSeconds(3))
        .until(
            () -> {
              live.flushIfDue();
              return !keys("slow").isEmpty();
            });
    assertThat(text(keys("slow"))).isEqualTo("first line\n");
  }

  @Test
  void deleteRemovesEverySegment() {
    LiveLogSegments live = new LiveLogSegments(s3, BUCKET, "ns", "run", "done");
    for (int i = 0; i < 3; i++) {
      live.write(("line " + i + "\n").getBytes(UTF_8), 0, 7);
      live.flush();
    }
    assertThat(keys("done")).hasSize(3);

    live.delete();

    assertThat(keys("done")).isEmpty();
  }
}
