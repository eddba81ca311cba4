package dev.c8s.testing;

import dev.c8s.testing.ServiceIdentities.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Trains a service's JVM AOT cache on a real start: the packaged service starts against a real
 * control plane (and S3Proxy), as its chart ServiceAccount, until it is ready, and is stopped, so
 * the JVM writes what that start loaded, linked and profiled (decision 0073). A cache trained only
 * to Quarkus' static init leaves out everything a start does after it: the Kubernetes client's TLS,
 * the informers' first lists and watches, the operator's controllers.
 *
 * <p>Run as {@code AotTraining <service> <java> <quarkus-app dir>}: writes {@code app.aot} into the
 * directory; {@code scripts/images/build-services.sh} calls it (through {@code C8S_AOT_TRAINER})
 * for each image, with the image's own runtime.
 */
public final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: AotTraining <controller|api-server|webhook> <java> <app dir>");
      System.exit(2);
    }
    Service service = service(args[0]);
    Path app = Path.of(args[2]).toAbsolutePath();
    Path cache = app.resolve("app.aot");
    train(service, Path.of(args[1]), app.resolve("quarkus-run.jar"), cache);
    System.out.println("trained " + cache + " (" + Files.size(cache) / (1024 * 1024) + " MiB)");
    System.exit(0);
  }

  /**
   * Starts {@code jar} on {@code java} with {@code -XX:AOTCacheOutput=cache} against the shared
   * control plane and S3Proxy, waits until it is ready and stops it; fails unless the cache exists.
   */
  public static void train(Service service, Path java, Path jar, Path cache) throws IOException {
    Files.deleteIfExists(cache);
    Path log = cache.resolveSibling("aot-training.log");
    String before = System.getProperty(PackagedService.JVM_OPTIONS_PROPERTY);
    String cached = System.getProperty(PackagedService.AOT_CACHE_PROPERTY);
    System.setProperty(PackagedService.JVM_OPTIONS_PROPERTY, "-XX:AOTCacheOutput=" + cache);
    System.setProperty(PackagedService.AOT_CACHE_PROPERTY, "false");
    try (PackagedService process =
        PackagedService.start(
            java,
            jar,
            properties(SharedControlPlane.get(false), S3ProxyServer.shared(), service),
            log,
            // The heap as the chart sizes it (javaToolOptions).
            "-XX:MaxRAMPercentage=75")) {
      process.awaitReady(Duration.ofMinutes(2));
      // close() stops it with SIGTERM and waits: the JVM writes the cache as it exits.
    } finally {
      restore(PackagedService.JVM_OPTIONS_PROPERTY, before);
      restore(PackagedService.AOT_CACHE_PROPERTY, cached);
    }
    if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
      throw new IllegalStateException("no AOT cache written to " + cache + "; see " + log);
    }
  }

  /**
   * The settings a service starts with here: its ServiceAccount's client settings, S3Proxy for the
   * two that store logs, and the controller's Lease namespace.
   */
  public static Map<String, String> properties(
      ControlPlane plane, S3ProxyServer s3, Service service) {
    Map<String, String> p = new HashMap<>(plane.identities().quarkusClientProperties(service));
    if (service != Service.WEBHOOK) {
      p.putAll(s3.quarkusClientProperties());
    }
    if (service == Service.CONTROLLER) {
      p.put("c8s.controller.lease-namespace", ServiceIdentities.RELEASE_NAMESPACE);
    }
    return p;
  }

  private static Service service(String component) {
    for (Service s : Service.values()) {
      if (s.component().equals(component)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown service \"" + component + "\": controller, api-server or webhook");
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }
}
