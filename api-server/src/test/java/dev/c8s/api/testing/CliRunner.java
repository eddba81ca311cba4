package dev.c8s.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.c8s.cli.C8sCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code c8s} command run in-process against the api-server under test, with real kubeconfig
 * files holding real ServiceAccount tokens.
 */
public final class CliRunner {
  private static final YAMLMapper YAML = new YAMLMapper();

  private CliRunner() {}

  /**
   * What one invocation printed and returned.
   *
   * @param exitCode the command's exit code
   * @param out what it printed on stdout
   * @param err what it printed on stderr
   */
  public record Result(int exitCode, String out, String err) {
    /** Both streams, for failure messages. */
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  /**
   * Runs {@code c8s args...} with only {@code env} as its environment; asserts that it never prints
   * a stack trace or any of {@code secrets}.
   */
  public static Result run(Map<String, String> env, List<String> secrets, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = C8sCli.commandLine(env);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    Result result = new Result(cli.execute(args), out.toString(), err.toString());
    assertThat(result.err()).as(result.toString()).doesNotContain("\tat ", "Exception:");
    for (String secret : secrets) {
      assertThat(result.out() + result.err()).as("a secret in the output").doesNotContain(secret);
    }
    return result;
  }

  /** A kubeconfig whose current context uses {@code token} in {@code namespace}. */
  public static Path tokenKubeconfig(Path dir, String token, String namespace) {
    return write(dir.resolve("token-kubeconfig"), Map.of("token", token), namespace);
  }

  /**
   * A kubeconfig whose user gets {@code token} from an exec credential plugin ({@code sh -c}
   * printing an ExecCredential), as EKS or GKE logins do.
   */
  public static Path execKubeconfig(Path dir, String token, String namespace) {
    Map<String, Object> exec =
        Map.of(
            "apiVersion",
            "client.authentication.k8s.io/v1",
            "command",
            "sh",
            "args",
            List.of(
                "-c",
                "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\","
                    + "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"%s\"}}'"
                    + " \"$IT_TOKEN\""),
            "env",
            List.of(Map.of("name", "IT_TOKEN", "value", token)));
    return write(dir.resolve("exec-kubeconfig"), Map.of("exec", exec), namespace);
  }

  /** A kubeconfig whose user has a client certificate only. */
  public static Path certificateKubeconfig(Path dir) {
    return write(
        dir.resolve("cert-kubeconfig"),
        Map.of("client-certificate-data", "Zm9v", "client-key-data", "YmFy"),
        null);
  }

  private static Path write(Path file, Map<String, Object> user, String namespace) {
    Map<String, Object> context =
        namespace == null
            ? Map.of("cluster", "test", "user", "it")
            : Map.of("cluster", "test", "user", "it", "namespace", namespace);
    Map<String, Object> config =
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "Config",
            "current-context",
            "it",
            "clusters",
            List.of(Map.of("name", "test", "cluster", Map.of("server", "https://127.0.0.1:1"))),
            "contexts",
            List.of(Map.of("name", "it", "context", context)),
            "users",
            List.of(Map.of("name", "it", "user", user)));
    try {
      return Files.writeString(file, YAML.writeValueAsString(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
