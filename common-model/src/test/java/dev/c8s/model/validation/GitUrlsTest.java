package dev.c8s.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.Patterns;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one Git URL check: what it accepts also passes the CRD pattern; rejections say the fix. */
class GitUrlsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://github.com/org/my-app",
        "https://github.com/org/my-app.git",
        "http://git.internal:8080/team/repo",
        "git://example.org/project.git",
        "ssh://git@github.com/org/my-app.git",
        "ssh://git@gitlab.example.com:2222/group/sub/repo",
        "https://ci-bot@bitbucket.org/team/repo"
      })
  void cloneableUrlsAreAcceptedAndMatchTheSeedPattern(String url) {
    assertThat(GitUrls.problem(url)).isEmpty();
    assertThat(Pattern.compile(Patterns.REPOSITORY_URL).matcher(url).matches()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "git@github.com:org/repo.git | write it as ssh://git@github.com/org/repo.git",
        "github.com:org/repo | write it as ssh://github.com/org/repo",
        "github.com/org/repo | has no scheme; write it as https://github.com/org/repo",
        "my-repo | is not a URL",
        "HTTPS://github.com/org/repo | write the scheme in lowercase: https://github.com/org/repo",
        "file:///srv/git/repo | has scheme \"file\", which c8s cannot clone from",
        "https:///org/repo | has no host",
        "ssh://git@github.com:org/repo | separates host and path with ':'; in a URL the path"
            + " follows a '/': ssh://git@github.com/org/repo",
        "https://github.com | names a host but no repository",
        "https://github.com/org/repo?ref=main | has a query or fragment",
        "https://github.com/org/re po | contains whitespace",
        "https://github.com/org/<repo> | is not a valid URL",
        "' ' | the repository URL is required",
        "'' | the repository URL is required"
      })
  void rejectedUrlsSayWhatToWriteInstead(String url, String advice) {
    assertThat(GitUrls.problem(url)).hasValueSatisfying(m -> assertThat(m).contains(advice));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://bot:ghp_s3cr3t@github.com/org/repo | contains a password or token",
        "https://bot:ghp_s3cr3t@github.com/org/re po | contains whitespace"
      })
  void passwordInTheUrlIsNeverEchoed(String url, String problem) {
    Problems problems = new Problems();

    GitUrls.check(problems, "spec.repository", url);

    ValidationError error = problems.result().errors().get(0);
    assertThat(error.message())
        .contains(problem)
        .contains("https://bot:***@github.com/org/re")
        .doesNotContain("s3cr3t");
    assertThat(error.actualValue()).startsWith("https://bot:***@github.com/org/re");
  }
}
