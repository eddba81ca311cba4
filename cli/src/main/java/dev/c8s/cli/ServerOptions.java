package dev.c8s.cli;

import dev.c8s.cli.api.ApiClient;
import dev.c8s.cli.api.C8sApi;
import dev.c8s.cli.kubeconfig.BearerTokens;
import dev.c8s.cli.kubeconfig.KubeContext;
import dev.c8s.cli.kubeconfig.Kubeconfig;
import dev.c8s.cli.kubeconfig.KubeconfigLocation;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the c8s API server is and who the caller is: the options every server command shares,
 * resolved like kubectl resolves its own (flags, then environment, then the kubeconfig).
 */
final class ServerOptions {
  static final String PORT_FORWARD =
      "kubectl -n c8s-system port-forward svc/c8s-api-server 8080:8080";

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "The c8s API server, e.g. http://localhost:8080 (default: $C8S_SERVER)")
  String server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "Kubernetes bearer token to call the API with (default: $C8S_TOKEN, else the"
              + " kubeconfig context's token)")
  String token;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig file (default: first file of $KUBECONFIG, else ~/.kube/config)")
  String kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Kubeconfig context (default: its current-context)")
  String context;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NAMESPACE",
      description = "Namespace (default: the context's namespace, else default)")
  String namespace;

  /** The API of the configured server, as the configured caller, in the chosen namespace. */
  C8sApi connect() {
    Map<String, String> env = root().env();
    URI uri = serverUri(env);
    String bearer = firstSet(token, env.get("C8S_TOKEN"));
    KubeContext kubeContext = null;
    if (bearer == null || namespace == null) {
      kubeContext = kubeContext(env, bearer == null);
    }
    if (bearer == null) {
      bearer = BearerTokens.of(kubeContext);
    }
    String ns =
        firstSet(namespace, kubeContext == null ? null : kubeContext.namespace(), "default");
    return new C8sApi(ApiClient.create(uri, bearer), ns);
  }

  private URI serverUri(Map<String, String> env) {
    String url = firstSet(server, env.get("C8S_SERVER"));
    if (url == null) {
      throw CliException.unusable(
          "no c8s API server given: pass --server URL or set C8S_SERVER, for example after "
              + PORT_FORWARD
              + " use --server http://localhost:8080");
    }
    try {
      URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw CliException.unusable(
          "the server " + url + " is not an http:// or https:// URL such as http://localhost:8080");
    }
  }

  /**
   * The kubeconfig context, or null when no kubeconfig is there and none was asked for (the
   * namespace then defaults); {@code needed} when the token must come from it.
   */
  private KubeContext kubeContext(Map<String, String> env, boolean needed) {
    KubeconfigLocation location =
        KubeconfigLocation.resolve(kubeconfig, env, Path.of(System.getProperty("user.home")));
    if (!location.explicit() && context == null && !Files.exists(location.file())) {
      if (needed) {
        throw CliException.unusable(
            "no credentials: there is no kubeconfig at "
                + location.file()
                + "; pass --token or set C8S_TOKEN (e.g. C8S_TOKEN=$(kubectl create token"
                + " <serviceaccount> -n <namespace>)), or point --kubeconfig at one");
      }
      return null;
    }
    return Kubeconfig.read(location.file()).context(context);
  }

  private C8sCli root() {
    return (C8sCli) mixee.root().userObject();
  }

  private static String firstSet(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
