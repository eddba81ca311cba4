package dev.c8s.webhook;

import dev.c8s.testing.ServiceIdentities.Service;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the webhook under test at the shared real control plane (no workloads needed), as the
 * chart's webhook ServiceAccount.
 */
public class ControlPlaneResource implements QuarkusTestResourceLifecycleManager {
  /** The administrator's client, for a test's set-up and assertions. */
  public static KubernetesClient admin() {
    return SharedControlPlane.get(false).client();
  }

  /** Client settings of the webhook's own identity. */
  public static Map<String, String> webhookClientProperties() {
    return SharedControlPlane.get(false).identities().quarkusClientProperties(Service.WEBHOOK);
  }

  @Override
  public Map<String, String> start() {
    return webhookClientProperties();
  }

  @Override
  public void stop() {
    // The control plane is shared by the whole test JVM and stops when it exits.
  }
}
