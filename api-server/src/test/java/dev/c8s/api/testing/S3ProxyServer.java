package dev.c8s.api.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real S3-compatible server for tests: S3Proxy as its own java -jar process. */
public final class S3ProxyServer implements AutoCloseable {
  // Its own process keeps S3Proxy's many dependencies off the test classpath; in-memory backend.

  /** Access key the server accepts. */
  public static final String ACCESS_KEY = "c8s-test-access";

  /** Secret key the server accepts. */
  public static final String SECRET_KEY = "c8s-test-secret-key";

  private final Process process;
  private final int port;
  private final Path workDir;

  private S3ProxyServer(Process process, int port, Path workDir) {
    this.process = process;
    this.port = port;
    this.workDir = workDir;
  }

  /**
   * Starts S3Proxy from the jar the build copied (system property {@code c8s.s3proxy.jar}) and
   * waits until it accepts connections.
   */
  public static S3ProxyServer start() {
    Path jar = Path.of(System.getProperty("c8s.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "S3Proxy jar not found at " + jar + "; run the tests with ./mvnw verify -pl api-server");
    }
    try {
      int port = freePort();
      Path dir = Files.createTempDirectory("c8s-s3proxy");
      Path properties = dir.resolve("s3proxy.properties");
      Files.writeString(
          properties,
          String.join(
              "\n",
              "s3proxy.endpoint=http://127.0.0.1:" + port,
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + ACCESS_KEY,
              "s3proxy.credential=" + SECRET_KEY,
              "jclouds.provider=transient",
              "jclouds.identity=" + ACCESS_KEY,
              "jclouds.credential=" + SECRET_KEY,
              ""));
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process process =
          new ProcessBuilder(
                  List.of(
                      java.toString(),
                      "-Xmx256m",
                      "-jar",
                      jar.toString(),
                      "--properties",
                      properties.toString()))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("s3proxy.log").toFile())
              .start();
      S3ProxyServer server = new S3ProxyServer(process, port, dir);
      try {
        await("S3Proxy listening on port " + port)
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> server.listening() || !process.isAlive());
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "S3Proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
        }
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  private boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
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
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (var files = Files.walk(workDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp dir is not worth failing a test run for
    }
  }
}
