package dev.c8s.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A c8s service's packaged jar ({@code target/quarkus-app/quarkus-run.jar}) run as its own process,
 * as in a pod: for tests that must signal, kill or measure it, or run several services.
 */
public final class PackagedService implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("Listening on: (http://\\S+)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final Path log;
  private final long logStart;

  private PackagedService(Process process, Path log, long logStart) {
    this.process = process;
    this.log = log;
    this.logStart = logStart;
  }

  /** System property whose value, split at spaces, is added to every service's JVM options. */
  public static final String JVM_OPTIONS_PROPERTY = "c8s.service.jvm-options";

  /** System property: {@code NAME=value} pairs, space-separated, for the service's environment. */
  public static final String ENVIRONMENT_PROPERTY = "c8s.service.environment";

  /**
   * System property: {@code false} starts services without the JVM AOT cache ({@code app.aot}) the
   * build wrote beside the jar (docs/performance.md, "Start-up"); it is used whenever present.
   */
  public static final String AOT_CACHE_PROPERTY = "c8s.service.aot-cache";

  /**
   * Starts {@code jar} with {@code properties} as {@code -D} flags (a random HTTP port unless they
   * set one), appending its output to {@code log}.
   */
  public static PackagedService start(Path jar, Map<String, String> properties, Path log) {
    return start(jar, properties, log, "-Xmx256m");
  }

  /** As {@link #start(Path, Map, Path)}, with {@code maxHeap} (e.g. {@code -Xmx96m}). */
  public static PackagedService start(
      Path jar, Map<String, String> properties, Path log, String maxHeap) {
    return start(
        Path.of(ProcessHandle.current().info().command().orElse("java")),
        jar,
        properties,
        log,
        maxHeap);
  }

  /**
   * As {@link #start(Path, Map, Path, String)}, on the Java runtime {@code java} (a service image's
   * own, for one).
   */
  public static PackagedService start(
      Path java, Path jar, Map<String, String> properties, Path log, String maxHeap) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " missing: run after `package`");
    }
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add(maxHeap);
    // For benchmarks: a profiler or GC log on the service, e.g. -XX:StartFlightRecording=...
    String extra = System.getProperty(JVM_OPTIONS_PROPERTY, "").strip();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    aotCache(jar).ifPresent(cache -> command.add("-XX:AOTCache=" + cache));
    command.add("-Dquarkus.http.port=0");
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      long logStart = Files.exists(log) ? Files.size(log) : 0;
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      // For benchmarks: environment as a pod would set it, e.g. MALLOC_ARENA_MAX=2.
      for (String pair : System.getProperty(ENVIRONMENT_PROPERTY, "").strip().split("\\s+")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          builder.environment().put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
      Process process = builder.start();
      return new PackagedService(process, log, logStart);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The AOT cache the build trained beside {@code jar}, unless {@link #AOT_CACHE_PROPERTY} is
   * false.
   */
  public static Optional<Path> aotCache(Path jar) {
    Path cache = jar.toAbsolutePath().resolveSibling("app.aot");
    boolean wanted = !"false".equals(System.getProperty(AOT_CACHE_PROPERTY));
    return wanted && Files.isRegularFile(cache) ? Optional.of(cache) : Optional.empty();
  }

  /** Waits until the service answers its readiness probe with 200. */
  public PackagedService awaitReady(Duration atMost) {
    await()
        .ignoreExceptions()
        .atMost(atMost)
        .failFast("service exited; see " + log, () -> !process.isAlive())
        .until(() -> get("/q/health/ready").statusCode(), code -> code == 200);
    return this;
  }

  /**
   * The service's base URL, read from Quarkus' "Listening on" line in this process's part of the
   * log (the port is random).
   */
  public URI baseUri() throws IOException {
    byte[] bytes = Files.readAllBytes(log);
    String text = new String(bytes, (int) logStart, bytes.length - (int) logStart, UTF_8);
    Matcher listening = LISTENING.matcher(text);
    if (!listening.find()) {
      throw new IllegalStateException("process " + pid() + " is not listening yet");
    }
    return URI.create(listening.group(1).replace("0.0.0.0", "127.0.0.1"));
  }

  /** GET of {@code path} (e.g. {@code /q/health/ready}) on the service's HTTP port. */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    URI uri = baseUri().resolve(path);
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The operating system's process id. */
  public long pid() {
    return process.pid();
  }

  /** Resident set size in KiB, read from /proc (Linux); -1 when unknown. */
  public long rssKib() {
    return statusKib("VmRSS:");
  }

  /**
   * The anonymous part of the resident set in KiB (heap, metaspace, code, stacks, malloc): what the
   * process holds privately, without file pages mapped from the runtime, jars and AOT cache, which
   * the kernel can drop and read again.
   */
  public long rssAnonKib() {
    return statusKib("RssAnon:");
  }

  private long statusKib(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return -1;
    } catch (IOException e) {
      return -1;
    }
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

  /** The log file the process writes to. */
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
