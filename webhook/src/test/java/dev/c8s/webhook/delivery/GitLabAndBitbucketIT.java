package dev.c8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.PipelineRun;
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
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GitLab (plain token) and Bitbucket Cloud (HMAC) pushes become runs too. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class GitLabAndBitbucketIT {
  private final KubernetesClient client = ControlPlaneResource.admin();
  @Inject ConnectionIndex index;
  private Cluster cluster;
  private String ns;
  private String secret;

  @BeforeEach
  void namespace() {
    cluster = new Cluster(client, index);
    ns = SharedControlPlane.get(false).newNamespace("providers");
    secret = "s3cret-" + UUID.randomUUID();
    cluster.webhookSecret(ns, "hook", secret);
  }

  @Test
  void gitlabPushWithItsTokenCreatesARunOncePerIdempotencyKey() {
    String repo = "https://gitlab.example.com/c8s-it/sub/" + ns;
    cluster.config(ns, "app-ci", repo, spec -> {});
    cluster.connection(ns, "app", repo + ".git", GitProvider.GITLAB, "hook", "app-ci");
    byte[] body =
        Fixture.of("gitlab-push.json")
            .replace("example.com/mike/diaspora", "gitlab.example.com/c8s-it/sub/" + ns)
            .replace("example.com:mike/diaspora", "gitlab.example.com:c8s-it/sub/" + ns)
            .bytes();
    String key = UUID.randomUUID().toString();

    Response first = Deliveries.gitlab(body, secret, "Push Hook", key);
    first
        .then()
        .statusCode(201)
        .body("deliveryId", equalTo(key))
        .body("event", equalTo("Push Hook"));
    PipelineRun run = cluster.run(ns, first.path("runs[0].name"));
    assertThat(run.getSpec().getCommit()).isEqualTo("da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
    assertThat(run.getSpec().getBranch()).isEqualTo("master");
    assertThat(run.getSpec().getTriggeredBy()).isEqualTo("jsmith");

    Response retry = Deliveries.gitlab(body, secret, "Push Hook", key);
    assertThat(retry.asString()).isEqualTo(first.asString());
    assertThat(cluster.runs(ns)).hasSize(1);

    Deliveries.gitlab(body, "wrong-token", "Push Hook", UUID.randomUUID().toString())
        .then()
        .statusCode(401);
    assertThat(cluster.runs(ns)).hasSize(1);
  }

  @Test
  void gitlabWithoutIdempotencyKeyUsesTheEventUuid() {
    String repo = "https://gitlab.com/c8s-it/" + ns;
    cluster.config(ns, "app-ci", repo, spec -> {});
    cluster.connection(ns, "app", repo, GitProvider.GITLAB, "hook", "app-ci");
    byte[] body =
        Fixture.of("gitlab-push.json")
            .replace("example.com/mike/diaspora", "gitlab.com/c8s-it/" + ns)
            .replace("example.com:mike/diaspora", "gitlab.com:c8s-it/" + ns)
            .bytes();
    Deliveries.gitlab(body, secret, "Push Hook", null)
        .then()
        .statusCode(201)
        .body("deliveryId", equalTo("13792a34-cac6-4fda-95a8-c58e00a3954e"));
  }

  @Test
  void bitbucketPushSignedWithTheSecretBuildsTheBranchButNotTheTag() {
    String repo = "https://bitbucket.org/c8s-it/" + ns;
    cluster.config(ns, "app-ci", repo, spec -> {});
    cluster.connection(ns, "app", repo, GitProvider.BITBUCKET, "hook", "app-ci");
    byte[] body =
        Fixture.of("bitbucket-push.json").replace("team_name/repo_name", "c8s-it/" + ns).bytes();
    String request = UUID.randomUUID().toString();

    Response answer = Deliveries.bitbucket(body, Signer.sha256(secret, body), "repo:push", request);
    answer
        .then()
        .statusCode(201)
        .body("deliveryId", equalTo(request))
        .body("runs.size()", equalTo(1))
        .body("skipped", org.hamcrest.Matchers.nullValue());
    PipelineRun run = cluster.run(ns, answer.path("runs[0].name"));
    assertThat(run.getSpec().getCommit()).isEqualTo("709d658dc5b6d6afcd46049c2f332ee3f515a67d");
    assertThat(run.getSpec().getBranch()).isEqualTo("main");
    assertThat(run.getSpec().getTriggeredBy()).isEqualTo("emma");
    assertThat(cluster.connection(ns, "app").getStatus().getLastEvent().getType())
        .isEqualTo("push");

    Deliveries.bitbucket(body, Signer.sha256("other", body), "repo:push", "r-2")
        .then()
        .statusCode(401);
    assertThat(cluster.runs(ns)).hasSize(1);
  }
}
