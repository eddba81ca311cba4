package dev.c8s.controller.logs;

import dev.c8s.model.v1alpha1.Step;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The values a step received from Secrets, which its archived log must never show. */
@ApplicationScoped
public class StepSecretValues {
  @Inject KubernetesClient client;

  /** Reads each referenced key; missing Secrets or keys contribute nothing. */
  public List<String> of(String namespace, Step step) {
    return dev.c8s.model.masking.StepSecretValues.of(
        step.getSecrets(), name -> client.secrets().inNamespace(namespace).withName(name).get());
  }
}
