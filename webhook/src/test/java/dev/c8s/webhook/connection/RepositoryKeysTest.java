package dev.c8s.webhook.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way of writing one repository's URL gives the same key. */
class RepositoryKeysTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://github.com/Org/Repo",
        "https://github.com/org/repo.git",
        "https://github.com/org/repo/",
        "https://GitHub.COM/org/repo.git/",
        "http://github.com/org/repo",
        "https://user@github.com/org/repo",
        "https://github.com:443/org/repo",
        "git@github.com:org/repo.git",
        "git@github.com:org/repo",
        "git@github.com:/org/repo.git",
        "github.com:org/repo",
        "ssh://git@github.com/org/repo.git",
        "ssh://git@github.com:22/org/repo",
        "git://github.com/org/repo.git",
        "  https://github.com//org/repo  ",
        "https://github.com/org/repo?tab=readme#top",
      })
  void spellingsOfOneRepositoryShareAKey(String url) {
    assertThat(RepositoryKeys.of(url)).contains("github.com/org/repo");
  }

  @ParameterizedTest
  @CsvSource({
    "https://gitlab.com/group/sub/project.git, gitlab.com/group/sub/project",
    "git@gitlab.example.com:group/sub/project.git, gitlab.example.com/group/sub/project",
    "https://bitbucket.org/team_name/repo_name, bitbucket.org/team_name/repo_name",
    "https://[::1]:8443/org/repo, [::1]/org/repo",
  })
  void nestedGroupsSelfHostedServersAndIpv6(String url, String key) {
    assertThat(RepositoryKeys.of(url)).contains(key);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "  ", "https://github.com", "https://github.com/", "not a url", "/org/repo"})
  void somethingWithoutHostOrPathHasNoKey(String url) {
    assertThat(RepositoryKeys.of(url)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://github.com/org/repo-two", "https://gitlab.com/org/repo"})
  void otherRepositoriesDiffer(String url) {
    assertThat(RepositoryKeys.of(url))
        .isNotEqualTo(RepositoryKeys.of("https://github.com/org/repo"));
  }
}
