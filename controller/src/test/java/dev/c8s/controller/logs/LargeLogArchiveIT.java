package dev.c8s.controller.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.testing.S3ProxyServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A 1 GiB log is archived, masked, by a JVM whose heap is 64 MiB: archiving needs constant memory,
 * whatever the log's size. The object is then read back in full to check the masking.
 */
class LargeLogArchiveIT {
  private static final long ONE_GIB = 1L << 30;
  private static final String SECRET = "s3cr3t-deploy-token-value";
  private static final String HEAP = "-Xmx64m";

  @Test
  void oneGibLogIsArchivedMaskedByAJvmWithA64MibHeap(@TempDir Path objects) throws Exception {
    try (S3ProxyServer server = S3ProxyServer.startOnDisk(objects)) {
      Map<String, Long> probe = runProbe(server.endpoint(), "logs", "big/run/step.log");

      assertThat(probe.get("read")).isEqualTo(ONE_GIB);
      long secrets = probe.get("secrets");
      assertThat(secrets).isGreaterThan(1_000_000);
      try (S3Client s3 = LargeLogArchiveProbe.client(server.endpoint())) {
        long size = s3.headObject(r -> r.bucket("logs").key("big/run/step.log")).contentLength();
        assertThat(size).isEqualTo(ONE_GIB - secrets * (SECRET.length() - 3));
        assertMaskedThroughout(
            s3.getObject(r -> r.bucket("logs").key("big/run/step.log")), secrets);
      }
    }
  }

  private static void assertMaskedThroughout(
      ResponseInputStream<GetObjectResponse> object, long secrets) throws Exception {
    long masked = 0;
    long leaked = 0;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(object, StandardCharsets.UTF_8), 1 << 16)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.contains(SECRET)) {
          leaked++;
        } else if (line.contains("token ***")) {
          masked++;
        }
      }
    }
    assertThat(leaked).as("lines still holding the secret").isZero();
    assertThat(masked).isEqualTo(secrets);
  }

  /** Runs {@link LargeLogArchiveProbe} in a JVM of its own with a small heap; parses its report. */
  private static Map<String, Long> runProbe(String endpoint, String bucket, String key)
      throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    HEAP,
                    "-cp",
                    System.getProperty("java.class.path"),
                    LargeLogArchiveProbe.class.getName(),
                    endpoint,
                    bucket,
                    key,
                    Long.toString(ONE_GIB),
                    SECRET))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("probe finished").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    String report = output.lines().filter(l -> l.startsWith("read=")).findFirst().orElseThrow();
    Files.writeString(Path.of("target/large-log-archive.txt"), report + System.lineSeparator());
    Map<String, Long> values = new HashMap<>();
    for (String pair : report.split(" ")) {
      String[] kv = pair.split("=");
      values.put(kv[0], Long.parseLong(kv[1]));
    }
    return values;
  }
}
