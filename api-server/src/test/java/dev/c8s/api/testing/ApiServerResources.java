package dev.c8s.api.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the api-server under test at the real control plane and S3 server. */
public class ApiServerResources implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    return TestEnvironment.quarkusProperties();
  }

  @Override
  public void stop() {
    // Both servers are shared by the whole test JVM and stop when it exits.
  }
}
