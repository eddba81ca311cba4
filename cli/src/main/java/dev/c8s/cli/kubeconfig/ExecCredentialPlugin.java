package dev.c8s.cli.kubeconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a kubeconfig {@code exec} credential plugin (as kubectl does for EKS, GKE, AKS, OIDC logins)
 * and takes the bearer token from the ExecCredential it prints.
 */
final class ExecCredentialPlugin {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 60;

  private ExecCredentialPlugin() {}

  static String token(JsonNode exec, KubeContext context) {
    String command = Kubeconfig.text(exec, "command");
    if (command == null) {
      throw CliException.unusable(
          "the exec plugin of user " + Kubeconfig.quote(context.userName()) + " has no command");
    }
    String apiVersion = Kubeconfig.text(exec, "apiVersion");
    List<String> argv = new ArrayList<>();
    // kubectl resolves a command with a path separator against the kubeconfig's directory.
    argv.add(command.contains("/") ? context.directory().resolve(command).toString() : command);
    exec.path("args").forEach(a -> argv.add(a.asText()));
    ProcessBuilder builder = new ProcessBuilder(argv);
    Map<String, String> env = builder.environment();
    exec.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    env.put(
        "KUBERNETES_EXEC_INFO",
        "{\"apiVersion\":\""
            + (apiVersion == null ? "client.authentication.k8s.io/v1" : apiVersion)
            + "\",\"kind\":\"ExecCredential\",\"spec\":{\"interactive\":false}}");
    String output = run(builder, command, exec, context);
    return tokenOf(output, command, context);
  }

  private static String run(
      ProcessBuilder builder, String command, JsonNode exec, KubeContext context) {
    try {
      Process process = builder.redirectInput(ProcessBuilder.Redirect.PIPE).start();
      process.getOutputStream().close();
      // Read both streams at once: a chatty plugin must not block on a full stderr pipe.
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      String out = readAll(process.getInputStream());
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw failure(command, context, "did not finish within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        String stderr = err.join().strip();
        throw failure(
            command,
            context,
            "exited with "
                + process.exitValue()
                + (stderr.isEmpty() ? "" : ": " + firstLine(stderr)));
      }
      return out;
    } catch (IOException e) {
      String hint = Kubeconfig.text(exec, "installHint");
      throw failure(
          command,
          context,
          "could not be started ("
              + e.getMessage()
              + ")"
              + (hint == null ? "" : "; " + hint.strip()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(command, context, "was interrupted");
    }
  }

  private static String tokenOf(String output, String command, KubeContext context) {
    JsonNode credential;
    try {
      credential = JSON.readTree(output);
    } catch (IOException e) {
      throw failure(command, context, "printed something that is not an ExecCredential (JSON)");
    }
    String token = credential == null ? null : Kubeconfig.text(credential.path("status"), "token");
    if (token == null) {
      throw CliException.unusable(
          "the exec plugin "
              + Kubeconfig.quote(command)
              + " of user "
              + Kubeconfig.quote(context.userName())
              + " returned no status.token (a client certificate only?); the c8s API accepts"
              + " Kubernetes bearer tokens: pass one with --token or C8S_TOKEN, for example"
              + " C8S_TOKEN=$(kubectl create token <serviceaccount> -n <namespace>)");
    }
    return token;
  }

  private static CliException failure(String command, KubeContext context, String what) {
    return CliException.unusable(
        "the exec credential plugin "
            + Kubeconfig.quote(command)
            + " of user "
            + Kubeconfig.quote(context.userName())
            + " "
            + what);
  }

  private static String readAll(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
