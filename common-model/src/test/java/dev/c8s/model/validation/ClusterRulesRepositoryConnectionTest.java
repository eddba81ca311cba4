package dev.c8s.model.validation;

import static dev.c8s.model.validation.Results.assertSingleError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.RepositoryConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cluster rules of RepositoryConnections: the Secrets and the pipeline they name exist. */
class ClusterRulesRepositoryConnectionTest {
  private static final String NS = "team-a";
  private final InMemoryCluster cluster = new InMemoryCluster();
  private final ClusterRules rules = new ClusterRules(cluster);

  @Test
  void repositoryConnectionWithEverythingInPlaceIsValid() {
    cluster
        .secret(NS, "my-app-webhook-secret", "webhook-secret")
        .secret(NS, "github-access-token", "username", "password")
        .config(NS, "my-app-ci", Results.seedSpec());

    ValidationResult result = rules.validate(NS, seedConnection());

    assertThat(result.errors()).isEmpty();
  }

  @Test
  void missingWebhookSecretIsAnError() {
    cluster
        .secret(NS, "github-access-token", "ssh-key")
        .config(NS, "my-app-ci", Results.seedSpec());

    assertSingleError(
        rules.validate(NS, seedConnection()),
        "spec.webhookSecretRef",
        "Secret \"my-app-webhook-secret\" does not exist in namespace \"team-a\"; create it with"
            + " the key webhook-secret");
  }

  @Test
  void webhookSecretWithoutItsKeyIsAnError() {
    cluster
        .secret(NS, "my-app-webhook-secret", "token")
        .secret(NS, "github-access-token", "ssh-key")
        .config(NS, "my-app-ci", Results.seedSpec());

    assertSingleError(
        rules.validate(NS, seedConnection()),
        "spec.webhookSecretRef",
        "Secret \"my-app-webhook-secret\" has no key webhook-secret (its keys are: token)");
  }

  @ParameterizedTest(name = "auth Secret with keys [{0}]: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "username,password | ",
        "ssh-key | ",
        "username | has username but no password",
        "password | has password but no username",
        "token | has neither username and password nor ssh-key (its keys are: token)"
      })
  void authSecretHoldsUsernameAndPasswordOrAnSshKey(String keys, String problem) {
    cluster
        .secret(NS, "my-app-webhook-secret", "webhook-secret")
        .secret(NS, "github-access-token", keys.split(","))
        .config(NS, "my-app-ci", Results.seedSpec());

    ValidationResult result = rules.validate(NS, seedConnection());

    if (problem == null) {
      assertThat(result.errors()).isEmpty();
    } else {
      assertSingleError(result, "spec.authSecretRef", "Secret \"github-access-token\" " + problem);
    }
  }

  @Test
  void missingAuthSecretAndPipelineConfigAreBothReported() {
    cluster.secret(NS, "my-app-webhook-secret", "webhook-secret");

    ValidationResult result = rules.validate(NS, seedConnection());

    assertThat(result.errors())
        .map(e -> e.field() + ": " + e.message())
        .satisfiesExactly(
            auth ->
                assertThat(auth)
                    .startsWith(
                        "spec.authSecretRef: Secret \"github-access-token\" does not exist"),
            config ->
                assertThat(config)
                    .startsWith(
                        "spec.pipelineConfigRef: PipelineConfig \"my-app-ci\" does not exist"));
  }

  private static RepositoryConnection seedConnection() {
    return RepositoryConnectionRulesTest.seedConnection();
  }
}
