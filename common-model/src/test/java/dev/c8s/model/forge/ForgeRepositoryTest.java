package dev.c8s.model.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForgeRepositoryTest {

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource({
    "GITHUB, https://github.com/org/app.git, https://api.github.com, org/app",
    "GITHUB, ssh://git@github.com/org/app.git, https://api.github.com, org/app",
    "GITHUB, https://ghe.example.com/org/app, https://ghe.example.com/api/v3, org/app",
    "GITLAB, https://gitlab.com/group/sub/app.git, https://gitlab.com/api/v4, group/sub/app",
    "GITLAB, https://git.example.com:8443/g/app, https://git.example.com:8443/api/v4, g/app",
    "GITLAB, ssh://git@git.example.com:2222/g/app.git, https://git.example.com/api/v4, g/app",
    "BITBUCKET, https://bitbucket.org/ws/app.git, https://api.bitbucket.org/2.0, ws/app",
  })
  void theApiIsDerivedFromTheRepositoryUrl(
      GitProvider provider, String repository, String api, String path) {
    RepositoryConnectionSpec spec = new RepositoryConnectionSpec();
    spec.setProvider(provider);
    spec.setRepository(repository);

    assertThat(ForgeRepository.of(spec)).isEqualTo(new ForgeRepository(provider, api, path));
  }

  @ParameterizedTest
  @CsvSource({"http://127.0.0.1:9999/api/v3/", "http://127.0.0.1:9999/api/v3"})
  void anApiUrlOverridesTheDerivedOneWithoutItsTrailingSlash(String apiUrl) {
    RepositoryConnectionSpec spec = new RepositoryConnectionSpec();
    spec.setProvider(GitProvider.GITHUB);
    spec.setRepository("https://github.com/org/app");
    spec.setApiUrl(apiUrl);

    assertThat(ForgeRepository.of(spec).api()).isEqualTo("http://127.0.0.1:9999/api/v3");
  }
}
