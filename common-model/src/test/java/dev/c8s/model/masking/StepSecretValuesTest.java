package dev.c8s.model.masking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.StepSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepSecretValuesTest {
  private static final Map<String, Secret> SECRETS =
      Map.of(
          "stored",
          new SecretBuilder()
              .withData(Map.of("token", Base64.getEncoder().encodeToString("s3cr3t".getBytes())))
              .build(),
          "unsaved",
          new SecretBuilder().withStringData(Map.of("password", "hunter2")).build());

  private static StepSecret ref(String secret, String key) {
    StepSecret ref = new StepSecret();
    ref.setSecretRef(secret);
    ref.setKey(key);
    return ref;
  }

  @Test
  void storedValuesAreDecodedAndStringDataIsTakenAsIs() {
    assertThat(
            StepSecretValues.of(
                java.util.List.of(ref("stored", "token"), ref("unsaved", "password")),
                SECRETS::get))
        .containsExactly("s3cr3t", "hunter2");
  }

  @Test
  void missingSecretsKeysAndIncompleteReferencesContributeNothing() {
    assertThat(
            StepSecretValues.of(
                java.util.Arrays.asList(
                    ref("gone", "token"), ref("stored", "other"), ref(null, "token"), null),
                SECRETS::get))
        .isEmpty();
    assertThat(StepSecretValues.of(null, SECRETS::get)).isEmpty();
  }
}
