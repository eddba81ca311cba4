package dev.c8s.testing.node;

/**
 * One real node per test JVM, started on first use and stopped (host restored) when the JVM exits.
 */
public final class SharedRealNodeCluster {
  private static RealNodeCluster instance;
  private static RuntimeException failure;

  private SharedRealNodeCluster() {}

  /** The shared cluster; a failed start is reported to every caller, not retried per test. */
  public static synchronized RealNodeCluster get() {
    if (failure != null) {
      throw new IllegalStateException("the real test node failed to start earlier", failure);
    }
    if (instance == null) {
      try {
        instance = RealNodeCluster.start();
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
      RealNodeCluster started = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "real-node-stop"));
    }
    return instance;
  }
}
