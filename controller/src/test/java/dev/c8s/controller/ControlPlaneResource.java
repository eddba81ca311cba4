package dev.c8s.controller;

import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.ServiceIdentities.Service;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points the controller under test at the shared real control plane (kwok running Jobs), as the
 * chart's controller ServiceAccount, and at a real S3-compatible server.
 */
public class ControlPlaneResource implements QuarkusTestResourceLifecycleManager {
  /** The administrator's client, for a test's set-up and assertions. */
  public static KubernetesClient admin() {
    return SharedControlPlane.get(true).client();
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config =
        new HashMap<>(
            SharedControlPlane.get(true).identities().quarkusClientProperties(Service.CONTROLLER));
    S3ProxyServer s3 = S3ProxyServer.shared();
    config.putAll(s3.quarkusClientProperties());
    config.put("c8s.storage.create-buckets", "true");
    return config;
  }

  @Override
  public void stop() {
    // The control plane and S3Proxy are shared by the whole test JVM and stop when it exits.
  }
}
