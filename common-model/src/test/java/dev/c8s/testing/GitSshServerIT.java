package dev.c8s.testing;

import static dev.c8s.testing.GitClient.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test git server over ssh: OpenSSH's client clones with the right key and nothing else. */
class GitSshServerIT {
  private static final KeyPair CLIENT = GitSshServer.newClientKey();
  private static GitServer git;
  private static GitSshServer ssh;
  private static String sha;

  @BeforeAll
  static void startWithOneCommit() {
    git = GitServer.start("127.0.0.1", "app", "ci-bot", "s3cret");
    sha = git.commit(Map.of("README.md", "over ssh\n"), "first");
    ssh = git.serveOverSsh("127.0.0.1", CLIENT.getPublic());
  }

  @AfterAll
  static void stop() {
    ssh.close();
    git.close();
  }

  @Test
  void theRightKeyWithThePinnedHostKeyFetchesThePushedCommit(@TempDir Path dir) throws Exception {
    GitClient.Result fetch = fetch(dir, CLIENT, ssh.knownHostsLine("127.0.0.1"));

    assertThat(fetch.exit()).as(fetch.output()).isZero();
    assertThat(run(dir.resolve("repo"), "git", "rev-parse", "FETCH_HEAD").output().trim())
        .isEqualTo(sha);
  }

  @Test
  void anUnknownKeyIsRefusedAsPermissionDenied(@TempDir Path dir) throws Exception {
    GitClient.Result fetch =
        fetch(dir, GitSshServer.newClientKey(), ssh.knownHostsLine("127.0.0.1"));

    assertThat(fetch.exit()).isNotZero();
    assertThat(fetch.output()).contains("Permission denied (publickey)");
  }

  @Test
  void aHostKeyOtherThanThePinnedOneStopsTheClient(@TempDir Path dir) throws Exception {
    GitClient.Result fetch;
    try (GitSshServer other = git.serveOverSsh("127.0.0.1", CLIENT.getPublic())) {
      String thisHost = ssh.knownHostsLine("127.0.0.1").split(" ", 2)[0];
      String otherKey = other.knownHostsLine("127.0.0.1").split(" ", 2)[1];
      fetch = fetch(dir, CLIENT, thisHost + " " + otherKey);
    }

    assertThat(fetch.exit()).isNotZero();
    assertThat(fetch.output()).contains("Host key verification failed");
  }

  private static GitClient.Result fetch(Path dir, KeyPair key, String knownHosts) throws Exception {
    Path id = dir.resolve("id");
    Files.writeString(id, GitSshServer.openSshPrivateKey(key));
    Files.setPosixFilePermissions(id, PosixFilePermissions.fromString("rw-------"));
    Path hosts = dir.resolve("known_hosts");
    Files.writeString(hosts, knownHosts + "\n");
    Path repo = Files.createDirectory(dir.resolve("repo"));
    run(repo, "git", "init", "-q", ".");
    return run(
        repo,
        "git",
        "-c",
        "core.sshCommand=ssh -i "
            + id
            + " -o IdentitiesOnly=yes -o BatchMode=yes"
            + " -o StrictHostKeyChecking=yes -o UserKnownHostsFile="
            + hosts,
        "fetch",
        "-q",
        "--depth",
        "1",
        ssh.url("127.0.0.1", "app"),
        sha);
  }
}
