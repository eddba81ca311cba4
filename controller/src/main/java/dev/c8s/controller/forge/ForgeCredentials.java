package dev.c8s.controller.forge;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

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

  /** The credentials in a Secret's decoded {@code data}, or null when it holds no token. */
  public static ForgeCredentials from(Map<String, String> data) {
    String token = data.getOrDefault(TOKEN_KEY, data.get(PASSWORD_KEY));
    if (token == null || token.isBlank()) {
      return null;
    }
    return new ForgeCredentials(data.get(USERNAME_KEY), token.strip());
  }

  /** {@code Basic} with the username, for Bitbucket's API tokens and app passwords. */
  String basic() {
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
