package dev.c8s.cli.kubeconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.c8s.cli.CliException;
import dev.c8s.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kubeconfig contexts and their bearer tokens, read as kubectl reads them. */
class KubeconfigTest {
  @TempDir Path dir;

  private Kubeconfig write(String yaml) throws IOException {
    return Kubeconfig.read(Files.writeString(dir.resolve("config"), yaml));
  }

  private static final String TWO_CONTEXTS =
      """
      apiVersion: v1
      kind: Config
      current-context: dev
      contexts:
        - name: dev
          context: {cluster: k, user: alice, namespace: team-a}
        - name: ci
          context: {cluster: k, user: robot}
      users:
        - name: alice
          user: {token: alice-token}
        - name: robot
          user: {tokenFile: tokens/robot}
      """;

  @Test
  void theCurrentContextGivesItsUsersTokenAndNamespace() throws IOException {
    KubeContext context = write(TWO_CONTEXTS).context(null);

    assertThat(context.name()).isEqualTo("dev");
    assertThat(context.namespace()).isEqualTo("team-a");
    assertThat(BearerTokens.of(context)).isEqualTo("alice-token");
  }

  @Test
  void aNamedContextsTokenFileIsReadRelativeToTheKubeconfig() throws IOException {
    Files.createDirectories(dir.resolve("tokens"));
    Files.writeString(dir.resolve("tokens/robot"), "robot-token\n");

    KubeContext context = write(TWO_CONTEXTS).context("ci");

    assertThat(context.namespace()).isNull();
    assertThat(BearerTokens.of(context)).isEqualTo("robot-token");
  }

  @Test
  void anExecPluginRunsWithItsArgsAndEnvAndItsExecCredentialTokenIsUsed() throws IOException {
    KubeContext context =
        write(
                """
                current-context: eks
                contexts: [{name: eks, context: {user: sso}}]
                users:
                  - name: sso
                    user:
                      exec:
                        apiVersion: client.authentication.k8s.io/v1
                        command: sh
                        args: ["-c", 'printf "{\\"kind\\":\\"ExecCredential\\",\\"status\\":{\\"token\\":\\"%s-%s\\"}}" "$1" "$PREFIX"', "sh", "from-arg"]
                        env: [{name: PREFIX, value: from-env}]
                """)
            .context(null);

    assertThat(BearerTokens.of(context)).isEqualTo("from-arg-from-env");
  }

  @Test
  void aFailingExecPluginIsReportedWithItsFirstErrorLine() throws IOException {
    KubeContext context =
        write(
                """
                current-context: x
                contexts: [{name: x, context: {user: u}}]
                users: [{name: u, user: {exec: {command: sh, args: ["-c", "echo not logged in >&2; exit 4"]}}}]
                """)
            .context(null);

    assertThatThrownBy(() -> BearerTokens.of(context))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("exec credential plugin \"sh\"")
        .hasMessageContaining("exited with 4: not logged in");
  }

  @Test
  void aClientCertificateOnlyUserIsRefusedWithHowToGetAToken() throws IOException {
    KubeContext context =
        write(
                """
                current-context: admin
                contexts: [{name: admin, context: {user: admin}}]
                users: [{name: admin, user: {client-certificate-data: Zm9v, client-key-data: YmFy}}]
                """)
            .context(null);

    assertThatThrownBy(() -> BearerTokens.of(context))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.UNUSABLE))
        .hasMessageContaining("client certificate only")
        .hasMessageContaining("C8S_TOKEN=$(kubectl create token");
  }

  @Test
  void missingFileBadYamlAndUnknownContextAreClearErrors() throws IOException {
    assertThatThrownBy(() -> Kubeconfig.read(dir.resolve("nope")))
        .hasMessage("kubeconfig " + dir.resolve("nope") + " does not exist");
    assertThatThrownBy(() -> write("users: [unclosed")).hasMessageContaining("is not valid YAML");
    Kubeconfig config = write(TWO_CONTEXTS);
    assertThatThrownBy(() -> config.context("prod"))
        .hasMessageContaining("has no context \"prod\"");
    assertThatThrownBy(() -> write("kind: Config").context(null))
        .hasMessageContaining("has no current-context; choose one with --context");
  }

  @Test
  void theFlagWinsOverKubeconfigWhoseFirstFileWinsOverTheHomeDefault() {
    Path home = Path.of("/home/dev");
    assertThat(KubeconfigLocation.resolve("/x/flag", Map.of("KUBECONFIG", "/a:/b"), home))
        .isEqualTo(new KubeconfigLocation(Path.of("/x/flag"), true));
    assertThat(KubeconfigLocation.resolve(null, Map.of("KUBECONFIG", ":/a:/b"), home))
        .isEqualTo(new KubeconfigLocation(Path.of("/a"), true));
    assertThat(KubeconfigLocation.resolve(null, Map.of(), home))
        .isEqualTo(new KubeconfigLocation(Path.of("/home/dev/.kube/config"), false));
  }
}
