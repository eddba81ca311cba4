package dev.c8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.ForkPolicy;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PullRequest;
import dev.c8s.model.v1alpha1.PullRequestPolicy;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each fork policy does to a pull request's run, and that own branches are left alone. */
class ForkSafetyTest {

  @ParameterizedTest(name = "policy {0}, fork {1}: held {2}, without secrets {3}")
  @CsvSource({
    "'', true, true, false",
    "ApprovalRequired, true, true, false",
    "WithoutSecrets, true, false, true",
    "Trusted, true, false, false",
    "ApprovalRequired, false, false, false",
    "WithoutSecrets, false, false, false"
  })
  void aForksRunIsHeldOrStrippedOfSecretsAsThePolicySays(
      String policy, boolean fork, boolean held, boolean withoutSecrets) {
    RepositoryConnection connection =
        connection(policy.isEmpty() ? null : ForkPolicy.valueOf(policy), null);
    PipelineRun run = run(fork);

    ForkSafety.apply(connection, run);

    assertThat(run.getSpec().awaitsApproval()).isEqualTo(held);
    assertThat(run.getSpec().secretsWithheld()).isEqualTo(withoutSecrets);
  }

  @ParameterizedTest(name = "enabled {0}: refused {1}")
  @CsvSource({"'', false", "true, false", "false, true"})
  void pullRequestsAreBuiltUnlessTheConnectionSwitchesThemOff(String enabled, boolean refused) {
    RepositoryConnection connection =
        connection(null, enabled.isEmpty() ? null : Boolean.valueOf(enabled));

    String refusal = ForkSafety.refusal(connection, run(false).getSpec().getPullRequest());

    if (refused) {
      assertThat(refusal).contains("team-a/app", "spec.pullRequests.enabled", "#3");
    } else {
      assertThat(refusal).isNull();
    }
  }

  private static RepositoryConnection connection(ForkPolicy forks, Boolean enabled) {
    RepositoryConnection connection = new RepositoryConnection();
    connection.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("app").build());
    RepositoryConnectionSpec spec = new RepositoryConnectionSpec();
    if (forks != null || enabled != null) {
      PullRequestPolicy policy = new PullRequestPolicy();
      policy.setForks(forks);
      policy.setEnabled(enabled);
      spec.setPullRequests(policy);
    }
    connection.setSpec(spec);
    return connection;
  }

  private static PipelineRun run(boolean fork) {
    PullRequest pr = new PullRequest();
    pr.setNumber(3L);
    pr.setBaseBranch("main");
    pr.setFork(fork);
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setPullRequest(pr);
    PipelineRun run = new PipelineRun();
    run.setSpec(spec);
    return run;
  }
}
