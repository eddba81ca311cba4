package dev.c8s.controller.config;

/** Whether the JVM is running its shutdown hooks (SIGTERM, System.exit). */
final class JvmShutdown {
  private JvmShutdown() {}

  static boolean inProgress() {
    // The JDK refuses new shutdown hooks once shutdown has begun; that refusal is the only
    // public signal of it.
    Thread probe = new Thread(() -> {}, "shutdown-probe");
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }
}
