package dev.c8s.controller.logs;

import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The values a step received from Secrets, which its archived log must never show. */
@ApplicationScoped
public class StepSecretValues {
  @Inject KubernetesClient client;

  /** Reads each referenced key; missing Secrets or keys contribute nothing. */
  public List<String> of(String namespace, Step step) {
    List<String> values = new ArrayList<>();
    if (step.getSecrets() == null) {
      return values;
    }
    for (StepSecret ref : step.getSecrets()) {
      Secret secret = client.secrets().inNamespace(namespace).withName(ref.getSecretRef()).get();
      if (secret == null) {
        continue;
      }
      if (secret.getData() != null && secret.getData().get(ref.getKey()) != null) {
        values.add(
            new String(
                Base64.getDecoder().decode(secret.getData().get(ref.getKey())),
                StandardCharsets.UTF_8));
      } else if (secret.getStringData() != null
          && secret.getStringData().get(ref.getKey()) != null) {
        values.add(secret.getStringData().get(ref.getKey()));
      }
    }
    return values;
  }
}
