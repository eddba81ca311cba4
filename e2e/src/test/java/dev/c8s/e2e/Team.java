package dev.c8s.e2e;

import static org.awaitility.Awaitility.await;

import dev.c8s.model.v1alpha1.LogsArchived;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.StepStatus;
import dev.c8s.testing.GitServer;
import dev.c8s.testing.GitSshServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One team's namespace on the real node: a repository on the test git server, its
 * RepositoryConnection (webhook secret, clone credentials) and pipelines written as users write
 * them.
 */
final class Team implements AutoCloseable {
  static final String WEBHOOK_SECRET = "e2e-webhook-secret";
  static final String GIT_USER = "ci-bot";
  static final String GIT_PASSWORD = "git-pa55word";
  static final String REPOSITORY = "app";

  final Platform platform;
  final String namespace;
  final GitServer git;
  private final GitSshServer ssh;
  private final String repository;

  private Team(Platform platform, String namespace, GitServer git, GitSshServer ssh) {
    this.platform = platform;
    this.namespace = namespace;
    this.git = git;
    this.ssh = ssh;
    this.repository =
        ssh == null ? git.url(platform.hostAddress()) : ssh.url(platform.hostAddress(), REPOSITORY);
  }

  /**
   * A namespace with a repository whose clone credentials are {@code gitPassword} (the server only
   * accepts {@link #GIT_PASSWORD}) and a connection to the pipeline {@code pipeline}.
   */
  static Team create(String prefix, String gitPassword) {
    Platform platform = Platform.get();
    GitServer git = GitServer.start(platform.hostAddress(), REPOSITORY, GIT_USER, GIT_PASSWORD);
    Team team = new Team(platform, platform.cluster().newNamespace(prefix), git, null);
    return team.connect(Map.of("username", GIT_USER, "password", gitPassword));
  }

  /**
   * A namespace whose repository is cloned over ssh with {@code secretKey} (the server only accepts
   * {@code authorizedKey}); with {@code pinHostKey}, the Secret also carries known_hosts.
   */
  static Team overSsh(String prefix, KeyPair authorizedKey, KeyPair secretKey, boolean pinHostKey) {
    Platform platform = Platform.get();
    GitServer git = GitServer.start(platform.hostAddress(), REPOSITORY, GIT_USER, GIT_PASSWORD);
    GitSshServer ssh = git.serveOverSsh(platform.hostAddress(), authorizedKey.getPublic());
    Team team = new Team(platform, platform.cluster().newNamespace(prefix), git, ssh);
    Map<String, String> credentials = new HashMap<>();
    credentials.put("ssh-key", GitSshServer.openSshPrivateKey(secretKey));
    if (pinHostKey) {
      credentials.put("known_hosts", ssh.knownHostsLine(platform.hostAddress()));
    }
    return team.connect(credentials);
  }

  private Team connect(Map<String, String> gitCredentials) {
    secret("webhook", Map.of("webhook-secret", WEBHOOK_SECRET));
    secret("git-credentials", gitCredentials);
    platform
        .admin()
        .resource(
            Serialization.unmarshal(
                """
                apiVersion: c8s.dev/v1alpha1
                kind: RepositoryConnection
                metadata:
                  name: app
                  namespace: %s
                spec:
                  repository: %s
                  provider: github
                  webhookSecretRef: webhook
                  authSecretRef: git-credentials
                  pipelineConfigRef: app-ci
                """
                    .formatted(namespace, repository),
                RepositoryConnection.class))
        .create();
    return this;
  }

  /** The clone URL pods use. */
  String repository() {
    return repository;
  }

  void secret(String name, Map<String, String> data) {
    TestObjects.secret(platform.admin(), namespace, name, data);
  }

  /** Creates the PipelineConfig {@code app-ci} from its {@code spec:} YAML (indented 2). */
  void pipeline(String specYaml) {
    String yaml =
        "apiVersion: c8s.dev/v1alpha1\nkind: PipelineConfig\nmetadata:\n  name: app-ci\n"
            + "  namespace: "
            + namespace
            + "\nspec:\n  repository: "
            + repository()
            + "\n"
            + specYaml;
    platform.admin().resource(Serialization.unmarshal(yaml, PipelineConfig.class)).create();
  }

  /** Creates a run of {@code app-ci} at {@code commit} on main, as kubectl create would. */
  String run(String name, String commit) {
    String yaml =
        """
        apiVersion: c8s.dev/v1alpha1
        kind: PipelineRun
        metadata:
          name: %s
          namespace: %s
        spec:
          pipelineConfigRef: app-ci
          commit: %s
          branch: main
          triggeredBy: e2e
        """
            .formatted(name, namespace, commit);
    platform.admin().resource(Serialization.unmarshal(yaml, PipelineRun.class)).create();
    return name;
  }

  PipelineRun get(String run) {
    return platform.admin().resources(PipelineRun.class).inNamespace(namespace).withName(run).get();
  }

  /** Waits for the run to reach a terminal phase. */
  PipelineRun awaitEnded(String run, Duration atMost) {
    return await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> get(run), LogsArchived::endedWithLogs);
  }

  static StepStatus step(PipelineRun run, String name) {
    return run.getStatus().getSteps().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + name + " in " + run.getStatus()));
  }

  /** The archived (masked) log of a step. */
  String log(PipelineRun run, String step) {
    String url = step(run, step).getLogUrl();
    if (url == null) {
      throw new AssertionError("step " + step + " has no logURL: " + step(run, step));
    }
    return platform.object(url);
  }

  @Override
  public void close() {
    try (GitServer closedLast = git) {
      if (ssh != null) {
        ssh.close();
      }
    }
  }
}
