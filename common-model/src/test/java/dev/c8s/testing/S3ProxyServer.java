package dev.c8s.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for tests: S3Proxy with in-memory storage, run as its own {@code java
 * -jar} process so its dependencies stay off the test classpath.
 *
 * <p>The jar path comes from the system property {@code c8s.s3proxy.jar}, which the module's {@code
 * pom.xml} sets after copying {@code org.gaul:s3proxy:jar-with-dependencies}.
 */
public final class S3ProxyServer implements AutoCloseable {
  /** Access key the server accepts. */
  public static final String ACCESS_KEY = "c8s-test-access";

  /** Secret key the server accepts. */
  public static final String SECRET_KEY = "c8s-test-secret-key";

  /** Region clients should sign for. */
  public static final String REGION = "us-east-1";

  private static final String LOOPBACK = "127.0.0.1";

  private static S3ProxyServer shared;

  private final Process process;
  private final String host;
  private final int port;
  private final Path workDir;

  private S3ProxyServer(Process process, String host, int port, Path workDir) {
    this.process = process;
    this.host = host;
    this.port = port;
    this.workDir = workDir;
  }

  /** One server per test JVM, stopped when the JVM exits. */
  public static synchronized S3ProxyServer shared() {
    if (shared == null) {
      shared = start();
      S3ProxyServer started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "s3proxy-stop"));
    }
    return shared;
  }

  /** Starts a server on a free loopback port and waits until it accepts connections. */
  public static S3ProxyServer start() {
    return start(LOOPBACK, List.of("jclouds.provider=transient"));
  }

  /**
   * As {@link #start()}, listening on {@code address} instead of loopback: an address of this
   * machine that pods reach (a real node's bridge gateway), so presigned URLs work inside pods.
   */
  public static S3ProxyServer startOn(String address) {
    return start(address, List.of("jclouds.provider=transient"));
  }

  /**
   * As {@link #start()}, but keeping objects as files under {@code directory}: for objects larger
   * than the server's heap, such as a 1 GiB log.
   */
  public static S3ProxyServer startOnDisk(Path directory) {
    return startOnDisk(directory, 0);
  }

  /**
   * As {@link #startOnDisk(Path)} on {@code port} (0: any free one): a server stopped and started
   * again on the same port and directory is an object store coming back after an outage.
   */
  public static S3ProxyServer startOnDisk(Path directory, int port) {
    return startOnDisk(LOOPBACK, directory, port);
  }

  /**
   * As {@link #startOnDisk(Path, int)}, listening on {@code address}: object storage for pods that
   * outlives the server (scripts/local-cluster.sh's {@code --keep-data}).
   */
  public static S3ProxyServer startOnDisk(String address, Path directory, int port) {
    return start(
        address,
        port,
        List.of("jclouds.provider=filesystem", "jclouds.filesystem.basedir=" + directory));
  }

  /**
   * As {@link #startOn(String)} with a heap of {@code maxHeap} (e.g. {@code -Xmx1g}): objects stay
   * in memory, and a 100 MB log with its live segments is more than the default 256 MiB holds. (The
   * filesystem store was tried for this: in the e2e suite its multipart uploads failed with
   * NoSuchUpload, which a standalone reproduction did not show.)
   */
  public static S3ProxyServer startOn(String address, String maxHeap) {
    return start(address, 0, List.of("jclouds.provider=transient"), maxHeap);
  }

  private static S3ProxyServer start(String host, List<String> storage) {
    return start(host, 0, storage);
  }

  private static S3ProxyServer start(String host, int fixedPort, List<String> storage) {
    return start(host, fixedPort, storage, "-Xmx256m");
  }

  private static S3ProxyServer start(
      String host, int fixedPort, List<String> storage, String maxHeap) {
    String jar = System.getProperty("c8s.s3proxy.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "S3Proxy jar not found (system property c8s.s3proxy.jar = " + jar + ")");
    }
    try {
      int port = fixedPort != 0 ? fixedPort : freePort();
      Path dir = Files.createTempDirectory("c8s-s3proxy");
      Path properties = dir.resolve("s3proxy.properties");
      List<String> lines =
          new java.util.ArrayList<>(
              List.of(
                  "s3proxy.endpoint=http://" + host + ":" + port,
                  "s3proxy.authorization=aws-v2-or-v4",
                  "s3proxy.identity=" + ACCESS_KEY,
                  "s3proxy.credential=" + SECRET_KEY,
                  "jclouds.identity=unused",
                  "jclouds.credential=unused",
                  "jclouds.regions=" + REGION));
      lines.addAll(storage);
      Files.write(properties, lines);
      Process process =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElse("java"),
                  maxHeap,
                  "-jar",
                  jar,
                  "--properties",
                  properties.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("s3proxy.log").toFile())
              .start();
      S3ProxyServer server = new S3ProxyServer(process, host, port, dir);
      server.awaitListening(Duration.ofSeconds(60));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** The endpoint URL, for example {@code http://127.0.0.1:40123}. */
  public String endpoint() {
    return "http://" + host + ":" + port;
  }

  /** Quarkus' S3 client settings for this server: endpoint, region and the static key pair. */
  public Map<String, String> quarkusClientProperties() {
    return Map.of(
        "quarkus.s3.endpoint-override", endpoint(),
        "quarkus.s3.aws.region", REGION,
        "quarkus.s3.aws.credentials.type", "static",
        "quarkus.s3.aws.credentials.static-provider.access-key-id", ACCESS_KEY,
        "quarkus.s3.aws.credentials.static-provider.secret-access-key", SECRET_KEY);
  }

  private void awaitListening(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy exited; see " + workDir.resolve("s3proxy.log"));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 200);
        return;
      } catch (IOException notYet) {
        try {
          process.waitFor(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    close();
    throw new IllegalStateException("S3Proxy did not listen on port " + port + " in " + timeout);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
