package dev.c8s.model.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one check of a Git repository URL, shared by PipelineConfig and RepositoryConnection. */
public final class GitUrls {
  /** The form the messages ask for. */
  public static final String EXPECTED =
      "git URL with scheme https, http, git or ssh, such as https://github.com/org/repo or"
          + " ssh://git@github.com/org/repo";

  private static final Set<String> SCHEMES = Set.of("https", "http", "git", "ssh");
  // user@host:path or host.tld:path, as git itself accepts; the seed's pattern does not.
  private static final Pattern SCP_LIKE =
      Pattern.compile("^(?:([^@/:]+)@)?([^@/:]+):(?!//)/?(.+)$");
  private static final Pattern PORT_NOT_NUMBER = Pattern.compile("^([^:]+):([^0-9].*)$");
  private static final Pattern PASSWORD =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://[^/?#@:]*):[^/?#@]*@");
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");

  private GitUrls() {}

  /**
   * Records an error at {@code path} unless {@code url} is an absolute Git URL c8s can clone: a
   * supported scheme, a host and a repository path, with no whitespace and no inline password.
   */
  public static void check(Problems problems, String path, String url) {
    problem(url).ifPresent(message -> problems.error(path, message, EXPECTED, redact(url)));
  }

  /** {@code url} with any password in it replaced by {@code ***}, safe to echo. */
  static String redact(String url) {
    return url == null ? null : PASSWORD.matcher(url).replaceFirst("$1:***@");
  }

  /** What is wrong with {@code url} and how to fix it, or empty when it is a valid Git URL. */
  public static Optional<String> problem(String url) {
    if (Texts.isBlank(url)) {
      return Optional.of(
          "the repository URL is required; set it to the URL you would pass to git clone, such"
              + " as https://github.com/org/repo");
    }
    String quoted = Texts.quote(redact(url));
    if (Texts.hasWhitespace(url)) {
      return Optional.of(
          "repository URL "
              + quoted
              + " contains whitespace; remove it (write a space inside a"
              + " path as %20)");
    }
    Matcher scheme = SCHEME.matcher(url);
    if (!scheme.find()) {
      return Optional.of(withoutScheme(url, quoted));
    }
    String name = scheme.group(1);
    if (!SCHEMES.contains(name)) {
      String lower = name.toLowerCase(Locale.ROOT);
      return Optional.of(
          SCHEMES.contains(lower)
              ? "repository URL "
                  + quoted
                  + " has scheme "
                  + Texts.quote(name)
                  + "; write the scheme in lowercase: "
                  + lower
                  + url.substring(name.length())
              : "repository URL "
                  + quoted
                  + " has scheme "
                  + Texts.quote(name)
                  + ", which c8s cannot clone from; use https, http, git or ssh");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of(
          "repository URL "
              + quoted
              + " is not a valid URL ("
              + e.getReason()
              + " at index "
              + e.getIndex()
              + "); fix it or copy the clone URL from your Git provider");
    }
    if (uri.getHost() == null) {
      String authority = String.valueOf(uri.getRawAuthority());
      Matcher colon = PORT_NOT_NUMBER.matcher(authority);
      if (colon.matches()) {
        String rest = url.substring(url.indexOf(authority) + authority.length());
        return Optional.of(
            "repository URL "
                + quoted
                + " separates host and path with ':'; in a URL the path"
                + " follows a '/': "
                + name
                + "://"
                + colon.group(1)
                + "/"
                + colon.group(2)
                + rest);
      }
      return Optional.of(
          "repository URL "
              + quoted
              + " has no host; write it as "
              + name
              + "://<host>/<org>/<repo>, such as "
              + name
              + "://github.com/org/repo");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      return Optional.of(
          "repository URL "
              + quoted
              + " has a query or fragment ('?' or '#'), which git does"
              + " not use; remove it");
    }
    String repoPath = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
    if (repoPath.isEmpty()) {
      return Optional.of(
          "repository URL "
              + quoted
              + " names a host but no repository; add the repository"
              + " path, such as "
              + name
              + "://"
              + uri.getRawAuthority()
              + "/org/repo");
    }
    if (uri.getUserInfo() != null && uri.getUserInfo().contains(":")) {
      return Optional.of(
          "repository URL "
              + quoted
              + " contains a password or token; remove it from the URL"
              + " and put the"
              + " credentials in the Secret named by the RepositoryConnection's authSecretRef");
    }
    return Optional.empty();
  }

  private static String withoutScheme(String url, String quoted) {
    Matcher scp = SCP_LIKE.matcher(url);
    if (scp.matches() && (scp.group(1) != null || scp.group(2).contains("."))) {
      String user = scp.group(1) == null ? "" : scp.group(1) + "@";
      return "repository URL "
          + quoted
          + " is an scp-style SSH address, which c8s does not"
          + " accept; write it as ssh://"
          + user
          + scp.group(2)
          + "/"
          + scp.group(3);
    }
    int slash = url.indexOf('/');
    if (slash > 0 && url.substring(0, slash).contains(".")) {
      return "repository URL " + quoted + " has no scheme; write it as https://" + url;
    }
    return "repository URL "
        + quoted
        + " is not a URL; use the URL you would pass to git clone,"
        + " such as https://github.com/org/repo";
  }
}
