package dev.c8s.webhook.connection;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the many spellings of one repository's URL into one lookup key, {@code host/path}. */
public final class RepositoryKeys {
  private static final Pattern SCHEME_URL =
      Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)([^?#]*)(?:[?#].*)?$");
  // git@host:org/repo, as git accepts it; "host:22/x" never reaches here (it has a scheme).
  private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/:]+@)?([^@/:]+):(?!//)(.+)$");
  private static final Pattern PORT = Pattern.compile(":[0-9]*$");

  private RepositoryKeys() {}

  /**
   * The key of {@code url}: host and repository path in lowercase, without scheme, user, port,
   * trailing slash or {@code .git}; empty when {@code url} names no host and path. The port is
   * dropped because one repository is usually reached on different ports by HTTPS and SSH. Case is
   * dropped because GitHub, GitLab and Bitbucket treat repository paths case-insensitively, while
   * payloads carry the canonical case and people type their own.
   */
  public static Optional<String> of(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    String trimmed = url.strip();
    String host;
    String path;
    Matcher scheme = SCHEME_URL.matcher(trimmed);
    if (scheme.matches()) {
      String authority = scheme.group(1);
      host = authority.substring(authority.lastIndexOf('@') + 1);
      host = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : stripPort(host);
      path = scheme.group(2);
    } else {
      Matcher scp = SCP_LIKE.matcher(trimmed);
      if (!scp.matches()) {
        return Optional.empty();
      }
      host = scp.group(1);
      path = scp.group(2);
    }
    path = path.replaceAll("/{2,}", "/").replaceAll("^/+|/+$", "");
    if (path.toLowerCase(Locale.ROOT).endsWith(".git")) {
      path = path.substring(0, path.length() - 4).replaceAll("/+$", "");
    }
    if (host.isEmpty() || path.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of((host + "/" + path).toLowerCase(Locale.ROOT));
  }

  private static String stripPort(String host) {
    return PORT.matcher(host).replaceFirst("");
  }
}
