package dev.c8s.model.v1alpha1;

import java.util.Locale;
import java.util.Objects;

/**
 * One repository written many ways: {@code https://GitHub.com/org/app.git}, {@code
 * git@github.com:org/app}, {@code ssh://git@github.com/org/app/} all name {@code
 * github.com/org/app}.
 */
public final class RepositoryUrls {
  private RepositoryUrls() {}

  /**
   * {@code host/path}: no scheme, user, port or {@code .git}, host in lower case, path as written
   * (repository paths are case-sensitive on some servers); null for null.
   */
  public static String normalize(String url) {
    if (url == null) {
      return null;
    }
    String rest = url.trim();
    int scheme = rest.indexOf("://");
    boolean scpStyle = false;
    if (scheme >= 0) {
      rest = rest.substring(scheme + 3);
    } else {
      scpStyle = rest.contains(":");
    }
    int at = rest.indexOf('@');
    int firstSlash = rest.indexOf('/');
    if (at >= 0 && (firstSlash < 0 || at < firstSlash)) {
      rest = rest.substring(at + 1);
    }
    String host;
    String path;
    int separator = scpStyle ? rest.indexOf(':') : rest.indexOf('/');
    if (separator < 0) {
      host = rest;
      path = "";
    } else {
      host = rest.substring(0, separator);
      path = rest.substring(separator + 1);
    }
    int port = host.indexOf(':');
    if (port >= 0) {
      host = host.substring(0, port);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    return host.toLowerCase(Locale.ROOT) + "/" + path;
  }

  /** Whether two URLs name the same repository. */
  public static boolean same(String a, String b) {
    return a != null && b != null && Objects.equals(normalize(a), normalize(b));
  }
}
