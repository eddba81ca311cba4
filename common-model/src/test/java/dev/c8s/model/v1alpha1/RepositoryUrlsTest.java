package dev.c8s.model.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every common spelling of a repository URL normalises to host/path. */
class RepositoryUrlsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "https://github.com/org/app, github.com/org/app",
    "https://GitHub.com/org/app.git, github.com/org/app",
    "https://github.com/org/app/, github.com/org/app",
    "http://user:token@github.com/org/app.git, github.com/org/app",
    "git@github.com:org/app.git, github.com/org/app",
    "ssh://git@github.com/org/app, github.com/org/app",
    "ssh://git@gitlab.example.com:2222/group/sub/app.git, gitlab.example.com/group/sub/app",
    "git://github.com/org/app, github.com/org/app"
  })
  void spellingsOfOneRepositoryNormaliseTheSame(String url, String normalised) {
    assertThat(RepositoryUrls.normalize(url)).isEqualTo(normalised);
  }

  @ParameterizedTest(name = "{0} vs {1}")
  @CsvSource({
    "https://github.com/org/app, https://github.com/org/App, false",
    "https://github.com/org/app, https://gitlab.com/org/app, false",
    "https://github.com/org/app, git@github.com:org/app.git, true"
  })
  void repositoryPathsStayCaseSensitiveAndHostsMustMatch(String a, String b, boolean same) {
    assertThat(RepositoryUrls.same(a, b)).isEqualTo(same);
  }
}
