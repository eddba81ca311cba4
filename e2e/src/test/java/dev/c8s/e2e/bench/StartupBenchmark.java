package dev.c8s.e2e.bench;

import static org.awaitility.Awaitility.await;

import dev.c8s.testing.AotTraining;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.PackagedService;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.ServiceIdentities.Service;
import dev.c8s.testing.SharedControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long each packaged service takes from its {@code java} process starting to answering its
 * readiness probe with 200 (the moment a kubelet would send it traffic), against the real control
 * plane and S3Proxy, as its chart ServiceAccount; with Quarkus' own "started in" figure beside it.
 *
 * <p>Each service is started without a JVM AOT cache, with the one its build trained up to Quarkus'
 * static init ({@code app.aot}, JDK 25+), and with one trained on a real start as the images' is
 * ({@link AotTraining}), in turn, so all three see the same machine.
 *
 * <p>Run: {@code ./mvnw -B verify -pl e2e -Pstartup-benchmark -DskipTests} after the services are
 * packaged.
 */
public final class StartupBenchmark {
  private static final Pattern STARTED = Pattern.compile("started in (\\d+\\.\\d+)s");

  /** Which AOT cache a start uses. */
  private enum Cache {
    NONE("no"),
    STATIC_INIT("trained to static init (the build's)"),
    REAL_START("trained on a real start (the images')");

    private final String label;

    Cache(String label) {
      this.label = label;
    }
  }

  private StartupBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.getInteger("c8s.bench.rounds", 5);
    ControlPlane plane = SharedControlPlane.get(false);
    S3ProxyServer s3 = S3ProxyServer.shared();
    System.out.println(
        "| service | AOT cache | ready after (ms), each start | median | Quarkus \"started in\""
            + " (s) |");
    System.out.println("|---|---|---|---|---|");
    for (Service service : Service.values()) {
      System.clearProperty(PackagedService.AOT_CACHE_PROPERTY);
      List<Cache> variants =
          PackagedService.aotCache(jar(service)).isPresent()
              ? List.of(Cache.values())
              : List.of(Cache.NONE);
      Path realStart = Path.of("target/aot-real-start/" + service.component() + ".aot");
      if (variants.contains(Cache.REAL_START)) {
        Files.createDirectories(realStart.getParent());
        AotTraining.train(
            service,
            Path.of(ProcessHandle.current().info().command().orElse("java")),
            jar(service),
            realStart.toAbsolutePath());
      }
      Map<Cache, List<Long>> ready = new EnumMap<>(Cache.class);
      Map<Cache, List<String>> started = new EnumMap<>(Cache.class);
      for (int i = 0; i < rounds; i++) {
        for (Cache cache : variants) {
          System.setProperty(
              PackagedService.AOT_CACHE_PROPERTY, Boolean.toString(cache == Cache.STATIC_INIT));
          System.setProperty(
              PackagedService.JVM_OPTIONS_PROPERTY,
              cache == Cache.REAL_START ? "-XX:AOTCache=" + realStart.toAbsolutePath() : "");
          Path log =
              Path.of("target/startup-" + service.component() + "-" + cache + "-" + i + ".log");
          Files.deleteIfExists(log);
          long t0 = System.nanoTime();
          try (PackagedService process =
              PackagedService.start(
                  jar(service), AotTraining.properties(plane, s3, service), log)) {
            await()
                .ignoreExceptions()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(10))
                .failFast("exited; see " + log, () -> !process.isAlive())
                .until(() -> process.get("/q/health/ready").statusCode() == 200);
            ready
                .computeIfAbsent(cache, c -> new ArrayList<>())
                .add((System.nanoTime() - t0) / 1_000_000);
            Matcher m = STARTED.matcher(Files.readString(log));
            started.computeIfAbsent(cache, c -> new ArrayList<>()).add(m.find() ? m.group(1) : "?");
          }
        }
      }
      for (Cache cache : ready.keySet()) {
        List<Long> sorted = ready.get(cache).stream().sorted().toList();
        System.out.printf(
            "| %s | %s | %s | %d | %s |%n",
            service.component(),
            cache.label,
            ready.get(cache),
            sorted.get(sorted.size() / 2),
            started.get(cache));
      }
    }
    plane.close();
    s3.close();
    System.exit(0);
  }

  private static Path jar(Service service) {
    return Path.of(System.getProperty("c8s." + service.component() + ".jar"));
  }
}
