package dev.c8s.e2e.bench;

import static org.awaitility.Awaitility.await;

import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.PackagedService;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.ServiceIdentities;
import dev.c8s.testing.ServiceIdentities.Service;
import dev.c8s.testing.SharedControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long each packaged service takes from its {@code java} process starting to answering its
 * readiness probe with 200 (the moment a kubelet would send it traffic), against the real control
 * plane and S3Proxy, as its chart ServiceAccount; with Quarkus' own "started in" figure beside it.
 *
 * <p>Each service is started with and without the JVM AOT cache its build trained ({@code app.aot},
 * JDK 25+), alternately, so both variants see the same machine.
 *
 * <p>Run: {@code ./mvnw -B verify -pl e2e -Pstartup-benchmark -DskipTests} after the services are
 * packaged.
 */
public final class StartupBenchmark {
  private static final Pattern STARTED = Pattern.compile("started in (\\d+\\.\\d+)s");

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
      boolean hasCache = PackagedService.aotCache(jar(service)).isPresent();
      Map<Boolean, List<Long>> ready = new TreeMap<>();
      Map<Boolean, List<String>> started = new TreeMap<>();
      for (int i = 0; i < rounds; i++) {
        for (boolean cache : hasCache ? List.of(true, false) : List.of(false)) {
          System.setProperty(PackagedService.AOT_CACHE_PROPERTY, Boolean.toString(cache));
          Path log =
              Path.of("target/startup-" + service.component() + "-" + cache + "-" + i + ".log");
          Files.deleteIfExists(log);
          long t0 = System.nanoTime();
          try (PackagedService process =
              PackagedService.start(jar(service), properties(plane, s3, service), log)) {
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
      for (boolean cache : ready.keySet()) {
        List<Long> sorted = ready.get(cache).stream().sorted().toList();
        System.out.printf(
            "| %s | %s | %s | %d | %s |%n",
            service.component(),
            cache ? "yes" : "no",
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

  private static Map<String, String> properties(
      ControlPlane plane, S3ProxyServer s3, Service service) {
    Map<String, String> p = new HashMap<>(plane.identities().quarkusClientProperties(service));
    if (service != Service.WEBHOOK) {
      p.put("quarkus.s3.endpoint-override", s3.endpoint());
      p.put("quarkus.s3.aws.region", S3ProxyServer.REGION);
      p.put("quarkus.s3.aws.credentials.type", "static");
      p.put("quarkus.s3.aws.credentials.static-provider.access-key-id", S3ProxyServer.ACCESS_KEY);
      p.put(
          "quarkus.s3.aws.credentials.static-provider.secret-access-key", S3ProxyServer.SECRET_KEY);
    }
    if (service == Service.CONTROLLER) {
      p.put("c8s.controller.lease-namespace", ServiceIdentities.RELEASE_NAMESPACE);
    }
    return p;
  }
}
