package dev.c8s.api.logs;

import dev.c8s.model.masking.StepSecretValues;
import dev.c8s.model.v1alpha1.StepSecret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads the values of a step's secrets, with the api-server's own rights, to mask them. */
@ApplicationScoped
public class SecretValues {
  private final KubernetesClient client;

  SecretValues(KubernetesClient client) {
    this.client = client;
  }

  /** The values of {@code secrets}; a Secret or key that no longer exists is left out. */
  public List<String> of(String namespace, List<StepSecret> secrets) {
    return StepSecretValues.of(
        secrets, name -> client.secrets().inNamespace(namespace).withName(name).get());
  }
}
