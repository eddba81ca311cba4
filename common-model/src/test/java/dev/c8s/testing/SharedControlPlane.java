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
      instance = ControlPlane.start(workloads);
      ControlPlane started = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "control-plane-stop"));
    }
    return instance;
  }
}
