package dev.c8s.controller;

import dev.c8s.testing.SharedControlPlane;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the controller under test at the shared real control plane (with kwok running Jobs). */
public class ControlPlaneResource implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    return SharedControlPlane.get(true).quarkusClientProperties();
  }

  @Override
  public void stop() {
    // The control plane is shared by the whole test JVM and stops when it exits.
  }
}
