package dev.c8s.cli.kubeconfig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The bearer token of a kubeconfig user: {@code token}, {@code tokenFile} or an {@code exec}
 * credential plugin. The c8s API authenticates Kubernetes bearer tokens only (TokenReview), so a
 * user with client certificates alone cannot be used and says what to do instead.
 */
public final class BearerTokens {
  private BearerTokens() {}

  /**
   * The token of {@code context}'s user.
   *
   * @throws CliException (unusable) when the user has no bearer token or it cannot be obtained
   */
  public static String of(KubeContext context) {
    JsonNode user = context.user();
    String token = Kubeconfig.text(user, "token");
    if (token != null) {
      return token;
    }
    String tokenFile = Kubeconfig.text(user, "tokenFile");
    if (tokenFile != null) {
      return fromFile(context.directory().resolve(tokenFile), context);
    }
    if (user.path("exec").isObject()) {
      return ExecCredentialPlugin.token(user.path("exec"), context);
    }
    boolean certificates =
        Kubeconfig.text(user, "client-certificate") != null
            || Kubeconfig.text(user, "client-certificate-data") != null;
    throw CliException.unusable(
        "user "
            + Kubeconfig.quote(context.userName())
            + " of context "
            + Kubeconfig.quote(context.name())
            + (certificates
                ? " authenticates with a client certificate only;"
                : " has no token, tokenFile or exec plugin;")
            + " the c8s API accepts Kubernetes bearer tokens: pass one with --token or C8S_TOKEN,"
            + " for example C8S_TOKEN=$(kubectl create token <serviceaccount> -n <namespace>)");
  }

  private static String fromFile(Path file, KubeContext context) {
    try {
      String token = Files.readString(file).trim();
      if (token.isEmpty()) {
        throw CliException.unusable(
            "tokenFile " + file + " of user " + Kubeconfig.quote(context.userName()) + " is empty");
      }
      return token;
    } catch (NoSuchFileException e) {
      throw CliException.unusable(
          "tokenFile "
              + file
              + " of user "
              + Kubeconfig.quote(context.userName())
              + " does not exist");
    } catch (IOException e) {
      throw CliException.unusable("tokenFile " + file + " cannot be read: " + e.getMessage());
    }
  }
}
