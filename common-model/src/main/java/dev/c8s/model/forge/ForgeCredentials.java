package dev.c8s.model.forge;

import dev.c8s.model.masking.StepSecretValues;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The API token of a RepositoryConnection's {@code authSecretRef}: its key {@code token}, else the
 * {@code password} that clones over https (where providers take an access token).
 *
 * @param username the Secret's {@code username}, if any; Bitbucket takes it with the token as basic
 *     credentials unless it is {@code x-token-auth} (an access token)
 * @param token the token
 */
public record ForgeCredentials(String username, String token) {
  /** The Secret key of a token for the API alone (an ssh-key Secret has no password). */
  public static final String TOKEN_KEY = "token";

  static final String PASSWORD_KEY = "password";
  static final String USERNAME_KEY = "username";

  /** The credentials in {@code secret}, or null when it holds no token. */
  public static ForgeCredentials from(Secret secret) {
    String token =
        StepSecretValues.value(secret, TOKEN_KEY)
            .or(() -> StepSecretValues.value(secret, PASSWORD_KEY))
            .filter(t -> !t.isBlank())
            .orElse(null);
    if (token == null) {
      return null;
    }
    return new ForgeCredentials(
        StepSecretValues.value(secret, USERNAME_KEY).orElse(null), token.strip());
  }

  /** {@code Basic} with the username, for Bitbucket's API tokens and app passwords. */
  public String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + token).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    // Never the token: records print their fields.
    return "ForgeCredentials[username=" + username + "]";
  }
}
