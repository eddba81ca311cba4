package dev.c8s.api.logs;

import dev.c8s.model.v1alpha1.StepSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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
    List<String> values = new ArrayList<>();
    if (secrets == null) {
      return values;
    }
    for (StepSecret ref : secrets) {
      if (ref == null || ref.getSecretRef() == null || ref.getKey() == null) {
        continue;
      }
      Secret secret = client.secrets().inNamespace(namespace).withName(ref.getSecretRef()).get();
      if (secret == null || secret.getData() == null) {
        continue;
      }
      String encoded = secret.getData().get(ref.getKey());
      if (encoded != null) {
        values.add(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
      }
    }
    return values;
  }
}
