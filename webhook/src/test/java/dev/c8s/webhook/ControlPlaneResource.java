package dev.c8s.webhook;

import dev.c8s.testing.SharedControlPlane;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the webhook under test at the shared real control plane (no workloads needed). */
public class ControlPlaneResource implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    return SharedControlPlane.get(false).quarkusClientProperties();
  }

  @Override
  public void stop() {
    // The control plane is shared by the whole test JVM and stops when it exits.
  }
}
