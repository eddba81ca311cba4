package dev.c8s.controller.logs;

import dev.c8s.model.masking.SecretMasker;
import dev.c8s.testing.S3ProxyServer;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Archives a synthetic log of the given size through the controller's masking and multipart upload,
 * in a JVM started with a small heap by {@link LargeLogArchiveIT}; prints what it did.
 *
 * <p>Arguments: S3 endpoint, bucket, key, log size in bytes, secret value, and {@code live} to also
 * write the live segments as a followed step does. CPU is the whole JVM's, S3 client included.
 */
public final class LargeLogArchiveProbe {
  private LargeLogArchiveProbe() {}

  public static void main(String[] args) throws Exception {
    String bucket = args[1];
    String key = args[2];
    long size = Long.parseLong(args[3]);
    String secret = args[4];
    try (S3Client s3 = client(args[0])) {
      s3.createBucket(r -> r.bucket(bucket));
      SyntheticLog log = new SyntheticLog(size, secret);
      boolean withLive = args.length > 5 && "live".equals(args[5]);
      long started = System.nanoTime();
      long cpuBefore = processCpuNanos();
      MultipartUploadStream upload = new MultipartUploadStream(s3, bucket, key, "text/plain");
      // As the follower streams a running step: the archive and the live segments together.
      LiveLogSegments live = new LiveLogSegments(s3, bucket, "probe", "run", "step");
      OutputStream out = withLive ? new TeeStream(upload, live) : upload;
      SecretMasker masker = new SecretMasker(List.of(secret));
      long read = withLive ? masker.copyLive(log, out) : masker.copy(log, out);
      upload.close();
      live.close();
      long millis = (System.nanoTime() - started) / 1_000_000;
      long cpuMillis = (processCpuNanos() - cpuBefore) / 1_000_000;
      System.out.printf(
          "read=%d lines=%d secrets=%d millis=%d cpuMillis=%d peakHeapMiB=%d%n",
          read, log.lines(), log.secretsPrinted(), millis, cpuMillis, peakHeapMib());
    }
  }

  /** A client of S3Proxy with its test credentials, path-style. */
  public static S3Client client(String endpoint) {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .forcePathStyle(true)
        .region(Region.of(S3ProxyServer.REGION))
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
        .build();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Sum of the heap pools' peaks: an upper bound of the heap ever used. */
  private static long peakHeapMib() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getPeakUsage)
            .mapToLong(u -> u.getUsed())
            .sum()
        / (1024 * 1024);
  }
}
