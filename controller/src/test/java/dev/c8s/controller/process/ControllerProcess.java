package dev.c8s.controller.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import dev.c8s.controller.config.LeaderElection;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.ServiceIdentities;
import dev.c8s.testing.ServiceIdentities.Service;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged controller ({@code target/quarkus-app/quarkus-run.jar}) as a separate process, as it
 * runs in a cluster: for restart tests and benchmarks that must kill it or measure its memory.
 */
public final class ControllerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("Listening on: (http://\\S+)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final Path log;
  private final long logStart;

  private ControllerProcess(Process process, Path log, long logStart) {
    this.process = process;
    this.log = log;
    this.logStart = logStart;
  }

  /** Starts the controller against {@code plane} and {@code s3}; logs go to {@code log}. */
  public static ControllerProcess start(ControlPlane plane, S3ProxyServer s3, Path log) {
    return start(plane, s3, log, Map.of());
  }

  /** As {@link #start(ControlPlane, S3ProxyServer, Path)}, with {@code overrides} on top. */
  public static ControllerProcess start(
      ControlPlane plane, S3ProxyServer s3, Path log, Map<String, String> overrides) {
    Path jar =
        Path.of(System.getProperty("c8s.controller.jar", "target/quarkus-app/quarkus-run.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " missing: run after `package`");
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx256m");
    Map<String, String> properties = properties(plane, s3);
    properties.putAll(overrides);
    for (Map.Entry<String, String> p : properties.entrySet()) {
      command.add("-D" + p.getKey() + "=" + p.getValue());
    }
    command.add("-jar");
    command.add(jar.toString());
    try {
      Files.createDirectories(log.getParent());
      long logStart = Files.exists(log) ? Files.size(log) : 0;
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new ControllerProcess(process, log, logStart);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> properties(ControlPlane plane, S3ProxyServer s3) {
    // As in a cluster: the chart's ServiceAccount and RBAC, never the administrator.
    Map<String, String> p =
        new java.util.HashMap<>(plane.identities().quarkusClientProperties(Service.CONTROLLER));
    p.put("quarkus.http.port", "0");
    p.put("quarkus.s3.endpoint-override", s3.endpoint());
    p.put("quarkus.s3.aws.credentials.type", "static");
    p.put("quarkus.s3.aws.credentials.static-provider.access-key-id", S3ProxyServer.ACCESS_KEY);
    p.put("quarkus.s3.aws.credentials.static-provider.secret-access-key", S3ProxyServer.SECRET_KEY);
    p.put("c8s.storage.create-buckets", "true");
    // The release namespace, the only one where the chart lets the controller hold a Lease.
    p.put("c8s.controller.lease-namespace", ServiceIdentities.RELEASE_NAMESPACE);
    return p;
  }

  /**
   * Deletes the controllers' Lease (test set-up, as the administrator), so a new test's controller
   * does not wait for one left by an earlier test's killed controller to expire.
   */
  public static void deleteLease(ControlPlane plane) {
    plane
        .client()
        .resources(Lease.class)
        .inNamespace(ServiceIdentities.RELEASE_NAMESPACE)
        .withName(LeaderElection.LEASE)
        .withTimeout(30, TimeUnit.SECONDS)
        .delete();
  }

  /**
   * GET of {@code path} (e.g. {@code /q/health/ready}) on the controller's HTTP port, which is
   * random: it is read from Quarkus' "Listening on" line in this process's part of the log.
   */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    byte[] bytes = Files.readAllBytes(this.log);
    String log = new String(bytes, (int) logStart, bytes.length - (int) logStart, UTF_8);
    Matcher listening = LISTENING.matcher(log);
    if (!listening.find()) {
      throw new IllegalStateException("controller " + pid() + " is not listening yet");
    }
    URI uri = URI.create(listening.group(1).replace("0.0.0.0", "127.0.0.1") + path);
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The operating system's process id. */
  public long pid() {
    return process.pid();
  }

  /** Resident set size in KiB, read from /proc (Linux). */
  public long rssKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * Starts a controller named {@code identity} in the Lease, logging to {@code
   * target/<identity>.log}, and waits until it answers its readiness probe.
   */
  public static ControllerProcess startReady(ControlPlane plane, S3ProxyServer s3, String identity)
      throws IOException {
    Path log = Path.of("target/" + identity + ".log");
    Files.deleteIfExists(log);
    ControllerProcess process =
        start(plane, s3, log, Map.of("c8s.controller.lease-identity", identity));
    await()
        .ignoreExceptions()
        .atMost(Duration.ofSeconds(120))
        .until(() -> process.get("/q/health/ready").statusCode(), code -> code == 200);
    return process;
  }

  /** The holder of the controllers' Lease, or null when nobody holds it. */
  public static String leaseHolder(ControlPlane plane) {
    Lease lease =
        plane
            .client()
            .resources(Lease.class)
            .inNamespace(ServiceIdentities.RELEASE_NAMESPACE)
            .withName(LeaderElection.LEASE)
            .get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  /** Sends SIGTERM, as the kubelet does when a pod is deleted or drained. */
  public void terminate() {
    process.destroy();
  }

  /** Waits up to {@code atMost} for the process to end; true if it did. */
  public boolean awaitExit(Duration atMost) throws InterruptedException {
    return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the process at once, as a node failure or OOM kill would. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The controller's log file. */
  public Path log() {
    return log;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }
}
