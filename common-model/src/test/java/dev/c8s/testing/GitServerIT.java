package dev.c8s.testing;

import static dev.c8s.testing.GitClient.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test git server serves real clones over smart HTTP and refuses wrong credentials. */
class GitServerIT {
  private static GitServer server;
  private static String sha;

  @BeforeAll
  static void startWithOneCommit() {
    server = GitServer.start("127.0.0.1", "app", "ci-bot", "s3cret");
    sha = server.commit(Map.of("README.md", "hello\n", "src/main.sh", "echo hi\n"), "first");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void cloneWithTheRightCredentialsChecksOutThePushedCommit(@TempDir Path dir) throws Exception {
    String url = server.url("127.0.0.1").replace("http://", "http://ci-bot:s3cret@");
    GitClient.Result clone = run(dir, "git", "clone", "-q", url, "app");

    assertThat(clone.exit()).as(clone.output()).isZero();
    assertThat(run(dir.resolve("app"), "git", "rev-parse", "HEAD").output().trim()).isEqualTo(sha);
    assertThat(Files.readString(dir.resolve("app/src/main.sh"))).isEqualTo("echo hi\n");
  }

  @Test
  void aShallowFetchOfTheExactCommitWorksAsTheCloneContainerDoesIt(@TempDir Path dir)
      throws Exception {
    String url = server.url("127.0.0.1").replace("http://", "http://ci-bot:s3cret@");
    run(dir, "git", "init", "-q", ".");
    GitClient.Result fetch = run(dir, "git", "fetch", "-q", "--depth", "1", url, sha);

    assertThat(fetch.exit()).as(fetch.output()).isZero();
  }

  @Test
  void wrongCredentialsAreRefusedWithAnAuthenticationError(@TempDir Path dir) throws Exception {
    String url = server.url("127.0.0.1").replace("http://", "http://ci-bot:wrong@");
    GitClient.Result clone = run(dir, "git", "clone", "-q", url, "app");

    assertThat(clone.exit()).isNotZero();
    assertThat(clone.output()).contains("Authentication failed");
  }
}
