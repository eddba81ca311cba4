package dev.c8s.controller.process;

import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.S3ProxyServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The packaged controller as a pod's container: when it exits on its own (it does when it cannot
 * renew its Lease) it is started again with the same settings, as the kubelet restarts a container.
 * Counts those restarts; a test's own {@link #kill()} is not one.
 */
final class RestartingController implements AutoCloseable {
  private final ControlPlane plane;
  private final Path log;
  private final Map<String, String> settings;
  private ControllerProcess current;
  private int selfExits;

  RestartingController(ControlPlane plane, Path log, Map<String, String> settings) {
    this.plane = plane;
    this.log = log;
    this.settings = settings;
    this.current = start();
  }

  /** Starts the controller again if it exited by itself; call while waiting. */
  synchronized void keepRunning() {
    if (!current.isAlive()) {
      selfExits++;
      current = start();
    }
  }

  /** SIGKILL, as a node failure or OOM kill would. */
  synchronized void kill() {
    current.kill();
  }

  /** How often the controller exited by itself and was started again. */
  synchronized int selfExits() {
    return selfExits;
  }

  @Override
  public synchronized void close() {
    current.close();
  }

  private ControllerProcess start() {
    return ControllerProcess.start(plane, S3ProxyServer.shared(), log, settings);
  }
}
