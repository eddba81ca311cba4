package dev.c8s.testing;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A second kube-apiserver beside a {@link ControlPlane}'s, on the same etcd, certificates and
 * service-account keys, on a port of its own: a client pointed at it sees one API server that a
 * test can restart (stopped, then started again with the same flags on the same address), as a
 * cluster's API server restarts during an upgrade. kube-api-test cannot restart its own server: it
 * picks a new port each start and takes etcd down when its server exits.
 */
public final class RestartableApiServer implements AutoCloseable {
  private static final Duration READY = Duration.ofSeconds(90);
  private static final String SECURE_PORT = "--secure-port";

  private final List<String> command;
  private final String url;
  private final Config adminConfig;
  private final Path log;
  private Process process;

  private RestartableApiServer(List<String> command, String url, Config adminConfig, Path log) {
    this.command = command;
    this.url = url;
    this.adminConfig = adminConfig;
    this.log = log;
  }

  /** Starts a second API server beside {@code plane}'s and waits until it serves. */
  public static RestartableApiServer beside(ControlPlane plane) {
    Config admin = plane.client().getConfiguration();
    int planePort = URI.create(admin.getMasterUrl()).getPort();
    ProcessHandle original =
        ProcessHandle.current()
            .descendants()
            .filter(p -> p.info().command().orElse("").endsWith("kube-apiserver"))
            .filter(p -> securePort(arguments(p)) == planePort)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no kube-apiserver with --secure-port=" + planePort + " under this JVM"));
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(original.info().command().orElseThrow());
    List<String> arguments = arguments(original);
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (argument.startsWith(SECURE_PORT + "=")) {
        command.add(SECURE_PORT + "=" + port);
      } else if (argument.equals(SECURE_PORT)) {
        command.add(SECURE_PORT);
        command.add(String.valueOf(port));
        i++;
      } else {
        command.add(argument);
      }
    }
    String url = "https://127.0.0.1:" + port;
    try {
      Path log = Files.createTempFile("c8s-apiserver-" + port, ".log");
      RestartableApiServer server = new RestartableApiServer(command, url, admin, log);
      // Never outlive the test JVM: an orphan would hold the port and keep talking to etcd.
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
      server.startAndAwaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server's URL; the same before and after a restart. */
  public String url() {
    return url;
  }

  /**
   * Stops the server (SIGTERM, as the kubelet stops a static pod), waits {@code down}, starts it.
   */
  public void restart(Duration down) {
    stop();
    Awaitility.await().pollDelay(down).atMost(down.plusSeconds(1)).until(() -> true);
    startAndAwaitReady();
  }

  @Override
  public void close() {
    stop();
  }

  private void startAndAwaitReady() {
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Config config = new ConfigBuilder(adminConfig).withMasterUrl(url).build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      Awaitility.await()
          .atMost(READY)
          .pollInterval(Duration.ofMillis(200))
          .failFast("kube-apiserver exited; its log is " + log, () -> !process.isAlive())
          .ignoreExceptions()
          .until(() -> "ok".equals(client.raw("/readyz")));
    }
  }

  private void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The {@code --secure-port} of an API server's arguments (either form), or -1. */
  private static int securePort(List<String> arguments) {
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (argument.startsWith(SECURE_PORT + "=")) {
        return Integer.parseInt(argument.substring(SECURE_PORT.length() + 1));
      }
      if (argument.equals(SECURE_PORT) && i + 1 < arguments.size()) {
        return Integer.parseInt(arguments.get(i + 1));
      }
    }
    return -1;
  }

  private static List<String> arguments(ProcessHandle process) {
    return List.of(process.info().arguments().orElse(new String[0]));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
