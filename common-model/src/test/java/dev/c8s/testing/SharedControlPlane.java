package dev.c8s.testing;

/**
 * One control plane per test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>Tests share it and isolate themselves by namespace; starting etcd and kube-apiserver takes
 * seconds, which a suite should pay once, not per class.
 */
public final class SharedControlPlane {
  private static ControlPlane instance;

  private SharedControlPlane() {}

  /** The shared control plane; with {@code workloads}, one that runs Jobs to completion. */
  public static synchronized ControlPlane get(boolean workloads) {
    if (instance != null && workloads && !instance.runsWorkloads()) {
      instance.close();
      instance = null;
    }
    if (instance == null) {
      instance = withOwnClassLoader(() -> ControlPlane.start(workloads));
      ControlPlane started = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "control-plane-stop"));
    }
    return instance;
  }

  /**
   * Runs {@code action} with this class's loader as the context class loader: a Quarkus test
   * resource starts under Quarkus' class loader, whose second copy of the fabric8 model classes
   * makes fabric8's service-loader scan fail ("LimitRange not a subtype").
   */
  static <T> T withOwnClassLoader(java.util.function.Supplier<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(SharedControlPlane.class.getClassLoader());
    try {
      return action.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
