package dev.c8s.testing.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One real node per machine: the bridge, the kubepods cgroups and the node directory exist once, so
 * a second JVM (another module's tests) waits for the first to finish.
 */
final class NodeLock {
  private static final Duration WAIT = Duration.ofMinutes(20);

  private final FileChannel channel;
  private FileLock lock;

  private NodeLock(FileChannel channel) {
    this.channel = channel;
  }

  static NodeLock acquire(NodeLayout layout) {
    try {
      Files.createDirectories(layout.lockFile().getParent());
      NodeLock nodeLock =
          new NodeLock(
              FileChannel.open(
                  layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE));
      if (nodeLock.tryLock()) {
        return nodeLock;
      }
      long t0 = System.nanoTime();
      System.err.println(
          "[real-node] another JVM runs the real node; waiting for " + layout.lockFile());
      try {
        Awaitility.await("the real node lock " + layout.lockFile())
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(500))
            .until(nodeLock::tryLock);
      } catch (ConditionTimeoutException e) {
        nodeLock.channel.close();
        throw new IllegalStateException(
            "another JVM has held the real test node for " + WAIT + " (" + layout.lockFile() + ")",
            e);
      }
      System.err.printf(
          "[real-node] waited %d s for the real node%n",
          TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
      return nodeLock;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean tryLock() throws IOException {
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      throw new IllegalStateException(
          "this JVM already runs the real node: a second class loader (e.g. Quarkus') loaded its"
              + " own SharedRealNodeCluster; start the node from one class loader only",
          e);
    }
    return lock != null;
  }

  void release() {
    try {
      if (lock != null) {
        lock.release();
      }
      channel.close();
    } catch (IOException e) {
      System.err.println("[real-node] releasing the node lock: " + e);
    }
  }
}
