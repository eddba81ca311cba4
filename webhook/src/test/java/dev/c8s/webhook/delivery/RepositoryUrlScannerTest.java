package dev.c8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.webhook.Fixture;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Only the repository URLs are read out of an unverified payload. */
class RepositoryUrlScannerTest {
  private static final Set<String> GITHUB = new GitHubProtocol().repositoryUrlPaths();

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void findsTheRepositoryUrlsOfAGithubPushAndNothingElse() {
    assertThat(RepositoryUrlScanner.scan(Fixture.of("github-push.json").bytes(), GITHUB))
        .containsExactlyInAnyOrder(
            "https://github.com/Codertocat/Hello-World",
            "https://github.com/Codertocat/Hello-World",
            "git://github.com/Codertocat/Hello-World.git",
            "git@github.com:Codertocat/Hello-World.git",
            "https://github.com/Codertocat/Hello-World.git");
  }

  @Test
  void readsArrayElementsAndNestedLinks() {
    String payload =
        """
        {"repository":{"links":{"html":{"href":"https://bitbucket.org/a/b"},
          "clone":[{"href":"https://bitbucket.org/a/c.git"},{"name":"ssh","href":"git@x:a/d"}]}}}
        """;
    assertThat(
            RepositoryUrlScanner.scan(json(payload), new BitbucketProtocol().repositoryUrlPaths()))
        .containsExactly("https://bitbucket.org/a/b", "https://bitbucket.org/a/c.git", "git@x:a/d");
  }

  @Test
  void sameNamesElsewhereInThePayloadAreNotRead() {
    String payload =
        """
        {"sender":{"repository":{"html_url":"https://github.com/evil/one"}},
         "commits":[{"repository":{"clone_url":"https://github.com/evil/two"}}],
         "repository":{"html_url":42,"clone_url":{"x":"https://github.com/evil/three"}}}
        """;
    assertThat(RepositoryUrlScanner.scan(json(payload), GITHUB)).isEmpty();
  }

  @Test
  void keepsWhatWasFoundBeforeTheJsonBreaks() {
    String truncated = "{\"repository\":{\"clone_url\":\"https://github.com/o/r.git\"},\"after\":";
    assertThat(RepositoryUrlScanner.scan(json(truncated), GITHUB))
        .containsExactly("https://github.com/o/r.git");
  }

  @Test
  void garbageYieldsNothing() {
    assertThat(RepositoryUrlScanner.scan(new byte[0], GITHUB)).isEmpty();
    assertThat(RepositoryUrlScanner.scan(json("[{\"repository\":{}}]"), GITHUB)).isEmpty();
    assertThat(RepositoryUrlScanner.scan(json("\"just a string\""), GITHUB)).isEmpty();
    assertThat(RepositoryUrlScanner.scan(new byte[] {(byte) 0xff, 0x00, 0x7b}, GITHUB)).isEmpty();
    assertThat(RepositoryUrlScanner.scan(json("{".repeat(100_000)), GITHUB)).isEmpty();
  }
}
