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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long each packaged service takes from its {@code java} process starting to answering its
 * readiness probe with 200 (the moment a kubelet would send it traffic), against the real control
 * plane and S3Proxy, as its chart ServiceAccount; with Quarkus' own "started in" figure beside it.
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
        "| service | ready after (ms), each start | median | Quarkus \"started in\" (s) |");
    System.out.println("|---|---|---|---|");
    for (Service service : Service.values()) {
      List<Long> ready = new ArrayList<>();
      List<String> started = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        Path log = Path.of("target/startup-" + service.component() + "-" + i + ".log");
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
          ready.add((System.nanoTime() - t0) / 1_000_000);
          Matcher m = STARTED.matcher(Files.readString(log));
          started.add(m.find() ? m.group(1) : "?");
        }
      }
      List<Long> sorted = ready.stream().sorted().toList();
      System.out.printf(
          "| %s | %s | %d | %s |%n",
          service.component(), ready, sorted.get(sorted.size() / 2), started);
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
      p.put("c8s.storage.create-buckets", "true");
      p.put("c8s.controller.lease-namespace", ServiceIdentities.RELEASE_NAMESPACE);
    }
    return p;
  }
}
