package dev.c8s.api.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/** Points the api-server under test at the real control plane and S3 server. */
public class ApiServerResources implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    Map<String, String> properties = new HashMap<>(TestEnvironment.quarkusProperties());
    properties.put("c8s.api.lists.scan-page-size", "7");
    return properties;
  }

  @Override
  public void stop() {
    // Both servers are shared by the whole test JVM and stop when it exits.
  }

  /** The production settings, for the benchmark. */
  public static class Production implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      return TestEnvironment.quarkusProperties();
    }

    @Override
    public void stop() {
      // shared servers, see above
    }
  }

  /** With the insecure development switch on: no authentication, no RBAC checks. */
  public static class AuthDisabled implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      Map<String, String> properties = new HashMap<>(TestEnvironment.quarkusProperties());
      properties.put("c8s.api.auth.insecure-disable-auth-dev-only", "true");
      return properties;
    }

    @Override
    public void stop() {
      // shared servers, see above
    }
  }
}
