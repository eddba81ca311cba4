package dev.c8s.model.validation;

import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/** Validates a RepositoryConnection on its own, without the cluster. */
public final class RepositoryConnectionValidator {
  // Only the public hosts say which provider they are; self-hosted ones can be named anything.
  private static final Map<String, GitProvider> PUBLIC_HOSTS =
      Map.of(
          "github.com", GitProvider.GITHUB,
          "gitlab.com", GitProvider.GITLAB,
          "bitbucket.org", GitProvider.BITBUCKET);

  /** Validates {@code connection}; field paths start at {@code spec}. */
  public ValidationResult validate(RepositoryConnection connection) {
    Problems problems = new Problems();
    if (connection == null || connection.getSpec() == null) {
      problems.error(
          "spec",
          "spec is required; give the RepositoryConnection a spec with repository and provider",
          "object with repository and provider",
          null);
      return problems.result();
    }
    RepositoryConnectionSpec spec = connection.getSpec();
    GitUrls.check(problems, "spec.repository", spec.getRepository());
    if (spec.getProvider() == null) {
      problems.error(
          "spec.provider",
          "provider is required; set it to github, gitlab, bitbucket or gitea, whichever hosts the"
              + " repository",
          "one of github, gitlab, bitbucket, gitea",
          null);
    } else {
      providerMatchesHost(problems, spec);
    }
    if (spec.getWebhookSecretRef() == null) {
      problems.warn(
          "spec.webhookSecretRef",
          "no webhookSecretRef: c8s cannot verify the signature of webhook deliveries for this"
              + " repository and will not accept them; create a Secret with the key"
              + " webhook-secret and name it here");
    }
    apiUrl(problems, spec.getApiUrl());
    Names.checkObjectName(
        problems, "spec.webhookSecretRef", spec.getWebhookSecretRef(), "Secret", false);
    Names.checkObjectName(problems, "spec.authSecretRef", spec.getAuthSecretRef(), "Secret", false);
    Names.checkObjectName(
        problems, "spec.pipelineConfigRef", spec.getPipelineConfigRef(), "PipelineConfig", false);
    return problems.result();
  }

  private static void apiUrl(Problems problems, String url) {
    if (url == null) {
      return;
    }
    String form = "http(s) base URL such as https://github.example.com/api/v3";
    URI uri = null;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      uri = null;
    }
    boolean web =
        uri != null
            && uri.getHost() != null
            && ("https".equalsIgnoreCase(uri.getScheme())
                || "http".equalsIgnoreCase(uri.getScheme()));
    if (!web || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      problems.error(
          "spec.apiURL",
          "apiURL must be the http or https base URL of the provider's REST API, without query or"
              + " fragment (for example https://github.example.com/api/v3 or"
              + " https://gitlab.example.com/api/v4); leave it empty for github.com, gitlab.com"
              + " and bitbucket.org",
          form,
          url);
    }
  }

  private static void providerMatchesHost(Problems problems, RepositoryConnectionSpec spec) {
    if (GitUrls.problem(spec.getRepository()).isPresent()) {
      return;
    }
    String host = URI.create(spec.getRepository()).getHost().toLowerCase(Locale.ROOT);
    GitProvider hosting = PUBLIC_HOSTS.get(host);
    if (hosting != null && hosting != spec.getProvider()) {
      String expected = hosting.name().toLowerCase(Locale.ROOT);
      problems.warn(
          "spec.provider",
          "provider is "
              + spec.getProvider().name().toLowerCase(Locale.ROOT)
              + " but the"
              + " repository is on "
              + host
              + "; webhooks from "
              + host
              + " arrive at the "
              + expected
              + " endpoint, so set provider: "
              + expected);
    }
  }
}
