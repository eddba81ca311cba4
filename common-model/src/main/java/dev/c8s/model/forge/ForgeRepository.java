package dev.c8s.model.forge;

import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import dev.c8s.model.v1alpha1.RepositoryUrls;
import java.net.URI;
import java.util.Locale;

/**
 * A repository as its provider's REST API names it.
 *
 * @param provider which API
 * @param api the API's base URL, without a trailing slash
 * @param path the repository's path: {@code owner/repo}, {@code group/subgroup/project} or {@code
 *     workspace/slug}
 */
public record ForgeRepository(GitProvider provider, String api, String path) {

  /**
   * The API of {@code connection}: its {@code apiURL}, else the provider's default for its host.
   */
  public static ForgeRepository of(RepositoryConnectionSpec connection) {
    String normalized = RepositoryUrls.normalize(connection.getRepository());
    int slash = normalized.indexOf('/');
    String host = normalized.substring(0, slash);
    String path = normalized.substring(slash + 1);
    String api =
        connection.getApiUrl() != null && !connection.getApiUrl().isBlank()
            ? connection.getApiUrl()
            : defaultApi(connection.getProvider(), connection.getRepository(), host);
    while (api.endsWith("/")) {
      api = api.substring(0, api.length() - 1);
    }
    return new ForgeRepository(connection.getProvider(), api, path);
  }

  /**
   * The public services' APIs, and for other hosts where GitHub Enterprise and self-managed GitLab
   * serve theirs; an https clone URL's port is kept, an ssh one's is not (it is the ssh port).
   */
  static String defaultApi(GitProvider provider, String repository, String host) {
    return switch (provider) {
      case GITHUB ->
          "github.com".equals(host) ? "https://api.github.com" : web(repository, host) + "/api/v3";
      case GITLAB -> web(repository, host) + "/api/v4";
      case BITBUCKET -> "https://api.bitbucket.org/2.0";
      case GITEA -> web(repository, host) + "/api/v1";
    };
  }

  private static String web(String repository, String host) {
    URI uri = URI.create(repository.trim());
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https") || scheme.equals("http")) {
      return scheme + "://" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }
    return "https://" + host;
  }
}
