package dev.c8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.ForkPolicy;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PullRequestPolicy;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import dev.c8s.testing.SharedControlPlane;
import dev.c8s.webhook.Cluster;
import dev.c8s.webhook.ControlPlaneResource;
import dev.c8s.webhook.Deliveries;
import dev.c8s.webhook.Fixture;
import dev.c8s.webhook.Signer;
import dev.c8s.webhook.connection.ConnectionIndex;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed pull and merge request deliveries become runs of the head commit, forks held back. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class PullRequestDeliveryIT {
  private static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  private final KubernetesClient client = ControlPlaneResource.admin();
  @Inject ConnectionIndex index;
  private Cluster cluster;
  private String ns;
  private String secret;

  @BeforeEach
  void namespace() {
    cluster = new Cluster(client, index);
    ns = SharedControlPlane.get(false).newNamespace("pulls");
    secret = "s3cret-" + UUID.randomUUID();
    cluster.webhookSecret(ns, "hook", secret);
  }

  private void github(List<String> branches, Consumer<RepositoryConnectionSpec> adjust) {
    String repo = "https://github.com/c8s-it/" + ns;
    cluster.config(ns, "app-ci", repo, spec -> spec.setBranches(branches));
    cluster.connection(ns, "app", repo, GitProvider.GITHUB, "hook", "app-ci", adjust);
  }

  private Fixture pullRequest(String action) {
    return Fixture.of("github-pull-request-" + action + ".json")
        .replace("Codertocat/Hello-World", "c8s-it/" + ns);
  }

  private Response send(Fixture fixture) {
    byte[] body = fixture.bytes();
    return Deliveries.github(
        body, Signer.sha256(secret, body), "pull_request", UUID.randomUUID().toString());
  }

  private static PullRequestPolicy forks(ForkPolicy policy) {
    PullRequestPolicy pulls = new PullRequestPolicy();
    pulls.setForks(policy);
    return pulls;
  }

  @Test
  void anOpenedPullRequestRunsItsHeadOnceForEveryDeliveryOfThatHead() {
    github(null, spec -> {});

    Response opened = send(pullRequest("opened"));
    opened.then().statusCode(201).body("runs.size()", equalTo(1));
    PipelineRun run = cluster.run(ns, opened.path("runs[0].name"));
    assertThat(run.getSpec().getCommit()).isEqualTo(HEAD);
    assertThat(run.getSpec().getBranch()).isEqualTo("changes");
    assertThat(run.getSpec().getPullRequest().getNumber()).isEqualTo(2L);
    assertThat(run.getSpec().getPullRequest().getBaseBranch()).isEqualTo("master");
    assertThat(run.getSpec().getPullRequest().getFetchRef()).isEqualTo("refs/pull/2/head");
    assertThat(run.getSpec().awaitsApproval()).isFalse();
    assertThat(run.getMetadata().getLabels()).containsEntry(C8s.LABEL_PULL_REQUEST, "2");

    // The example synchronize names the same head: it is the run already there.
    send(pullRequest("synchronize"))
        .then()
        .statusCode(201)
        .body("runs[0].name", equalTo(run.getMetadata().getName()));
    assertThat(cluster.runs(ns)).hasSize(1);
    assertThat(cluster.connection(ns, "app").getStatus().getLastEvent().getType())
        .isEqualTo("pull_request");
  }

  @Test
  void aForksPullRequestIsHeldForApprovalByDefaultOrRunsWithoutSecretsWhenConfigured() {
    github(null, spec -> {});
    Fixture fork =
        pullRequest("opened").set("/pull_request/head/repo/full_name", "stranger/Hello-World");

    PipelineRun held = cluster.run(ns, send(fork).path("runs[0].name"));
    assertThat(held.getSpec().getPullRequest().getFork()).isTrue();
    assertThat(held.getSpec().getBranch()).isNull();
    assertThat(held.getSpec().awaitsApproval()).isTrue();
    assertThat(held.getSpec().secretsWithheld()).isFalse();

    client.resource(cluster.connection(ns, "app")).delete();
    String other = SharedControlPlane.get(false).newNamespace("pulls");
    ns = other;
    cluster.webhookSecret(ns, "hook", secret);
    github(null, spec -> spec.setPullRequests(forks(ForkPolicy.WithoutSecrets)));
    Fixture forkHere =
        pullRequest("opened").set("/pull_request/head/repo/full_name", "stranger/Hello-World");
    PipelineRun stripped = cluster.run(ns, send(forkHere).path("runs[0].name"));
    assertThat(stripped.getSpec().awaitsApproval()).isFalse();
    assertThat(stripped.getSpec().secretsWithheld()).isTrue();
  }

  @Test
  void theBaseBranchIsFilteredAndClosedOrSwitchedOffPullRequestsStartNothingWithTheReason() {
    github(List.of("release/*"), spec -> {});
    send(pullRequest("opened"))
        .then()
        .statusCode(202)
        .body("reason", containsString("base branch master does not match spec.branches"));
    send(pullRequest("closed"))
        .then()
        .statusCode(202)
        .body("reason", containsString("pull_request action closed starts no run"));
    assertThat(cluster.runs(ns)).isEmpty();
  }

  @Test
  void aConnectionWithPullRequestsSwitchedOffSaysSo() {
    PullRequestPolicy off = new PullRequestPolicy();
    off.setEnabled(false);
    github(null, spec -> spec.setPullRequests(off));
    send(pullRequest("opened"))
        .then()
        .statusCode(202)
        .body("reason", containsString("spec.pullRequests.enabled is false"));
    assertThat(cluster.runs(ns)).isEmpty();
  }

  @Test
  void giteaPullRequestAsARealGiteaSentItBuildsItsHead() {
    String repository = "https://gitea.example.com/c8s-it/" + ns;
    cluster.config(ns, "gt-ci", repository, spec -> {});
    cluster.connection(ns, "gt", repository, GitProvider.GITEA, "hook", "gt-ci");
    byte[] body =
        Fixture.of("gitea-pull-request-opened.json")
            .replace("http://127.0.0.1:3731/c8s/demo", repository)
            .replace("c8s/demo", "c8s-it/" + ns)
            .bytes();

    Response opened =
        Deliveries.gitea(
            body, Signatures.hmacSha256Hex(secret.getBytes(), body), "pull_request", "g-" + ns);

    opened.then().statusCode(201);
    PipelineRun run = cluster.run(ns, opened.path("runs[0].name"));
    assertThat(run.getSpec().getCommit()).isEqualTo("baab0d6e2d49721a46e7d32b228d731981c42844");
    assertThat(run.getSpec().getPullRequest().getBaseBranch()).isEqualTo("main");
    Deliveries.gitea(
            body,
            "sha256=" + Signatures.hmacSha256Hex(secret.getBytes(), body),
            "pull_request",
            "g2-" + ns)
        .then()
        .statusCode(401);
  }

  @Test
  void gitlabMergeRequestAndBitbucketPullRequestBuildTheirHeads() {
    String gitlab = "https://gitlab.example.com/c8s-it/" + ns;
    cluster.config(ns, "gl-ci", gitlab, spec -> {});
    cluster.connection(ns, "gl", gitlab, GitProvider.GITLAB, "hook", "gl-ci");
    byte[] mr =
        Fixture.of("gitlab-merge-request-open.json")
            .replace("example.com/gitlabhq/gitlab-test", "gitlab.example.com/c8s-it/" + ns)
            .replace("example.com:gitlabhq/gitlab-test", "gitlab.example.com:c8s-it/" + ns)
            .bytes();
    Response merge =
        Deliveries.gitlab(mr, secret, "Merge Request Hook", UUID.randomUUID().toString());
    merge.then().statusCode(201);
    PipelineRun mrRun = cluster.run(ns, merge.path("runs[0].name"));
    assertThat(mrRun.getSpec().getCommit()).isEqualTo("da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
    assertThat(mrRun.getSpec().getPullRequest().getFetchRef())
        .isEqualTo("refs/merge-requests/1/head");

    String bitbucket = "https://bitbucket.org/c8s-it/" + ns;
    cluster.config(ns, "bb-ci", bitbucket, spec -> {});
    cluster.connection(ns, "bb", bitbucket, GitProvider.BITBUCKET, "hook", "bb-ci");
    byte[] pr =
        Fixture.of("bitbucket-pullrequest-created.json")
            .replace("team_name/repo_name", "c8s-it/" + ns)
            .bytes();
    Response created =
        Deliveries.bitbucket(pr, Signer.sha256(secret, pr), "pullrequest:created", "r-" + ns);
    created.then().statusCode(201);
    PipelineRun prRun = cluster.run(ns, created.path("runs[0].name"));
    assertThat(prRun.getSpec().getCommit()).isEqualTo("d3adb33f0123");
    assertThat(prRun.getSpec().getPullRequest().getNumber()).isEqualTo(12L);
    assertThat(prRun.getSpec().getBranch()).isEqualTo("feature/login");
  }
}
