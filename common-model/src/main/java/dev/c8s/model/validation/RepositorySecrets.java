package dev.c8s.model.validation;

import java.util.Optional;
import java.util.Set;

/** The Secrets a RepositoryConnection names exist and hold the keys c8s reads from them. */
final class RepositorySecrets {
  static final String WEBHOOK_KEY = "webhook-secret";

  private RepositorySecrets() {}

  static void webhookSecret(
      Problems problems, ClusterLookup cluster, String namespace, String name) {
    if (!Names.isDnsSubdomain(name)) {
      return;
    }
    Optional<Set<String>> keys = cluster.secretKeys(namespace, name);
    String path = "spec.webhookSecretRef";
    if (keys.isEmpty()) {
      problems.error(
          path,
          missing(name, namespace)
              + "; create it with the key webhook-secret holding the secret"
              + " configured for the webhook at the provider, or correct webhookSecretRef",
          Names.OBJECT_NAME_FORM,
          name);
    } else if (!keys.get().contains(WEBHOOK_KEY)) {
      problems.error(
          path,
          "Secret "
              + Texts.quote(name)
              + " has no key webhook-secret (its keys are: "
              + sorted(keys.get())
              + "); store the webhook secret under the key webhook-secret",
          "Secret with key webhook-secret",
          name);
    }
  }

  static void authSecret(Problems problems, ClusterLookup cluster, String namespace, String name) {
    if (!Names.isDnsSubdomain(name)) {
      return;
    }
    Optional<Set<String>> keys = cluster.secretKeys(namespace, name);
    String path = "spec.authSecretRef";
    String form = "Secret with keys username and password, or ssh-key";
    if (keys.isEmpty()) {
      problems.error(
          path,
          missing(name, namespace)
              + "; create it with username and password (a token goes in"
              + " password) or ssh-key, or correct authSecretRef",
          Names.OBJECT_NAME_FORM,
          name);
      return;
    }
    Set<String> present = keys.get();
    boolean basic = present.contains("username") && present.contains("password");
    if (basic || present.contains("ssh-key")) {
      return;
    }
    String half =
        present.contains("username")
            ? " has username but no password"
            : present.contains("password")
                ? " has password but no username"
                : " has neither" + " username and password nor ssh-key";
    problems.error(
        path,
        "Secret "
            + Texts.quote(name)
            + half
            + " (its keys are: "
            + sorted(present)
            + "); store"
            + " HTTPS credentials as username and password (a token goes in password) or an SSH"
            + " private key as ssh-key",
        form,
        name);
  }

  private static String missing(String name, String namespace) {
    return "Secret " + Texts.quote(name) + " does not exist in namespace " + Texts.quote(namespace);
  }

  private static String sorted(Set<String> keys) {
    return Texts.list(keys.stream().sorted().toList());
  }
}
