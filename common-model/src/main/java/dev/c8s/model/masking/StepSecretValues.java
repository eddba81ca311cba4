package dev.c8s.model.masking;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.c8s.model.v1alpha1.StepSecret;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The values a step receives from Secrets, which its logs must never show: the controller masks
 * what it archives and the api-server what it serves from a pod, with this one reading.
 */
public final class StepSecretValues {
  private StepSecretValues() {}

  /**
   * The value of each of {@code refs} in the Secret {@code secrets} finds by name; a missing
   * Secret, key or incomplete reference contributes nothing.
   */
  public static List<String> of(List<StepSecret> refs, Function<String, Secret> secrets) {
    List<String> values = new ArrayList<>();
    if (refs == null) {
      return values;
    }
    for (StepSecret ref : refs) {
      if (ref == null || ref.getSecretRef() == null || ref.getKey() == null) {
        continue;
      }
      Secret secret = secrets.apply(ref.getSecretRef());
      if (secret != null) {
        value(secret, ref.getKey()).ifPresent(values::add);
      }
    }
    return values;
  }

  /**
   * {@code key}'s value: from {@code data} (base64, as the API server returns it) or, in an object
   * not yet stored, from {@code stringData}.
   */
  public static Optional<String> value(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key)), UTF_8));
    }
    if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
      return Optional.of(secret.getStringData().get(key));
    }
    return Optional.empty();
  }
}
