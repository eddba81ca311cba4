package dev.c8s.model.validation;

import static dev.c8s.model.validation.Results.assertSingleError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One broken field of the seed's RepositoryConnection gives exactly one error, at that field. */
class RepositoryConnectionRulesTest {
  private final RepositoryConnectionValidator validator = new RepositoryConnectionValidator();

  static Stream<Arguments> brokenFields() {
    return Stream.of(
        rule(
            "repository is required",
            s -> s.setRepository(null),
            "spec.repository",
            "the repository URL is required"),
        rule(
            "repository is a git URL, with the same check as PipelineConfig",
            s -> s.setRepository("git@github.com:org/my-app"),
            "spec.repository",
            "is an scp-style SSH address",
            "write it as ssh://git@github.com/org/my-app"),
        rule(
            "provider is required",
            s -> s.setProvider(null),
            "spec.provider",
            "provider is required; set it to github, gitlab, bitbucket or gitea"),
        rule(
            "webhookSecretRef is an object name",
            s -> s.setWebhookSecretRef("My Secret"),
            "spec.webhookSecretRef",
            "\"My Secret\" cannot be the name of a Secret",
            "did you mean \"my-secret\"?"),
        rule(
            "authSecretRef is an object name",
            s -> s.setAuthSecretRef("-token"),
            "spec.authSecretRef",
            "\"-token\" cannot be the name of a Secret"),
        rule(
            "apiURL is an http(s) URL",
            s -> s.setApiUrl("ftp://git.example.com/api"),
            "spec.apiURL",
            "apiURL must be the http or https base URL of the provider's REST API"),
        rule(
            "apiURL has no query",
            s -> s.setApiUrl("https://git.example.com/api/v4?private_token=x"),
            "spec.apiURL",
            "without query or fragment"),
        rule(
            "pipelineConfigRef is an object name",
            s -> s.setPipelineConfigRef("my_app_ci"),
            "spec.pipelineConfigRef",
            "\"my_app_ci\" cannot be the name of a PipelineConfig"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFields")
  void eachRuleReportsOneErrorAtTheBrokenField(
      String rule,
      Consumer<RepositoryConnectionSpec> breakIt,
      String field,
      List<String> fragments) {
    RepositoryConnection connection = seedConnection();
    breakIt.accept(connection.getSpec());

    assertSingleError(validator.validate(connection), field, fragments);
  }

  @Test
  void specIsRequired() {
    assertSingleError(validator.validate(new RepositoryConnection()), "spec", "spec is required");
  }

  @Test
  void optionalReferencesMayBeLeftOutButAMissingWebhookSecretIsWarnedAbout() {
    RepositoryConnection connection = seedConnection();
    connection.getSpec().setWebhookSecretRef(null);
    connection.getSpec().setAuthSecretRef(null);
    connection.getSpec().setPipelineConfigRef(null);

    ValidationResult result = validator.validate(connection);

    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.field()).isEqualTo("spec.webhookSecretRef");
              assertThat(w.message()).contains("cannot verify the signature");
            });
  }

  @Test
  void providerThatContradictsAPublicHostIsWarnedAbout() {
    RepositoryConnection connection = seedConnection();
    connection.getSpec().setProvider(GitProvider.GITLAB);

    ValidationResult result = validator.validate(connection);

    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.field()).isEqualTo("spec.provider");
              assertThat(w.message())
                  .contains("provider is gitlab but the repository is on github.com")
                  .contains("set provider: github");
            });
  }

  @Test
  void selfHostedProviderIsNotSecondGuessed() {
    RepositoryConnection connection = seedConnection();
    connection.getSpec().setRepository("https://git.example.com/team/app");
    connection.getSpec().setProvider(GitProvider.GITLAB);

    ValidationResult result = validator.validate(connection);

    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).isEmpty();
  }

  static RepositoryConnection seedConnection() {
    return Seeds.read("example-repositoryconnection.yaml", RepositoryConnection.class);
  }

  private static Arguments rule(
      String rule, Consumer<RepositoryConnectionSpec> change, String field, String... fragments) {
    return arguments(rule, change, field, List.of(fragments));
  }
}
