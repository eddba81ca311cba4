package dev.c8s.controller.process;

import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged controller ({@code target/quarkus-app/quarkus-run.jar}) as a separate process, as it
 * runs in a cluster: for restart tests and benchmarks that must kill it or measure its memory.
 */
public final class ControllerProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ControllerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts the controller against {@code plane} and {@code s3}; logs go to {@code log}. */
  public static ControllerProcess start(ControlPlane plane, S3ProxyServer s3, Path log) {
    Path jar =
        Path.of(System.getProperty("c8s.controller.jar", "target/quarkus-app/quarkus-run.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " missing: run after `package`");
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx256m");
    for (Map.Entry<String, String> p : properties(plane, s3).entrySet()) {
      command.add("-D" + p.getKey() + "=" + p.getValue());
    }
    command.add("-jar");
    command.add(jar.toString());
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new ControllerProcess(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> properties(ControlPlane plane, S3ProxyServer s3) {
    Map<String, String> p = new java.util.HashMap<>(plane.quarkusClientProperties());
    p.put("quarkus.http.port", "0");
    p.put("quarkus.s3.endpoint-override", s3.endpoint());
    p.put("quarkus.s3.aws.credentials.type", "static");
    p.put("quarkus.s3.aws.credentials.static-provider.access-key-id", S3ProxyServer.ACCESS_KEY);
    p.put("quarkus.s3.aws.credentials.static-provider.secret-access-key", S3ProxyServer.SECRET_KEY);
    p.put("c8s.storage.create-buckets", "true");
    // Outside a pod the Lease's namespace cannot be inferred; the election itself is real.
    p.put("c8s.controller.lease-namespace", "default");
    return p;
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
