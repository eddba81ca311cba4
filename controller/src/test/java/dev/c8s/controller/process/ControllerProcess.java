package dev.c8s.controller.process;

import dev.c8s.controller.config.LeaderElection;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.PackagedService;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.ServiceIdentities;
import dev.c8s.testing.ServiceIdentities.Service;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged controller ({@code target/quarkus-app/quarkus-run.jar}) as a separate process, as it
 * runs in a cluster: for restart tests and benchmarks that must kill it or measure its memory.
 */
public final class ControllerProcess implements AutoCloseable {
  private final PackagedService service;

  private ControllerProcess(PackagedService service) {
    this.service = service;
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
    Map<String, String> properties = properties(plane, s3);
    properties.putAll(overrides);
    return new ControllerProcess(PackagedService.start(jar, properties, log));
  }

  private static Map<String, String> properties(ControlPlane plane, S3ProxyServer s3) {
    // As in a cluster: the chart's ServiceAccount and RBAC, never the administrator.
    Map<String, String> p =
        new HashMap<>(plane.identities().quarkusClientProperties(Service.CONTROLLER));
    p.putAll(s3.quarkusClientProperties());
    p.put("c8s.storage.create-buckets", "true");
    // The release namespace, the only one where the chart lets the controller hold a Lease.
    p.put("c8s.controller.lease-namespace", ServiceIdentities.RELEASE_NAMESPACE);
    return p;
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
    process.service.awaitReady(Duration.ofSeconds(120));
    return process;
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

  /** GET of {@code path} (e.g. {@code /q/health/ready}) on the controller's HTTP port. */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return service.get(path);
  }

  /** The operating system's process id. */
  public long pid() {
    return service.pid();
  }

  /** Resident set size in KiB, read from /proc (Linux). */
  public long rssKib() {
    return service.rssKib();
  }

  /** The anonymous part of the resident set in KiB (no file pages). */
  public long rssAnonKib() {
    return service.rssAnonKib();
  }

  /** Sends SIGTERM, as the kubelet does when a pod is deleted or drained. */
  public void terminate() {
    service.terminate();
  }

  /** Waits up to {@code atMost} for the process to end; true if it did. */
  public boolean awaitExit(Duration atMost) throws InterruptedException {
    return service.awaitExit(atMost);
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return service.isAlive();
  }

  /** Kills the process at once, as a node failure or OOM kill would. */
  public void kill() {
    service.kill();
  }

  /** The controller's log file. */
  public Path log() {
    return service.log();
  }

  @Override
  public void close() {
    service.close();
  }
}
