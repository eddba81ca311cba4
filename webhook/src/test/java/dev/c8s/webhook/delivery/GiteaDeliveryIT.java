package dev.c8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.testing.GiteaServer;
import dev.c8s.testing.SharedControlPlane;
import dev.c8s.webhook.Cluster;
import dev.c8s.webhook.ControlPlaneResource;
import dev.c8s.webhook.connection.ConnectionIndex;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Gitea delivers to the webhook service: a push, a pull request and a /retest comment become
 * runs, the commenter's rights asked of that same Gitea.
 */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class GiteaDeliveryIT {
  private static final Duration AT_MOST = Duration.ofSeconds(60);
  private static GiteaServer gitea;
  private final KubernetesClient client = ControlPlaneResource.admin();
  @Inject ConnectionIndex index;

  @TestHTTPResource("/webhooks/gitea")
  URL receiver;

  @BeforeAll
  static void startGitea() {
    gitea = GiteaServer.start();
  }

  @AfterAll
  static void stopGitea() {
    gitea.close();
  }

  @Test
  void pushesPullRequestsAndRetestCommentsFromARealGiteaBecomeRuns() {
    String ns = SharedControlPlane.get(false).newNamespace("gitea");
    gitea.createRepository("svc");
    String repository = gitea.url() + "/" + GiteaServer.OWNER + "/svc";
    Cluster cluster = new Cluster(client, index);
    cluster.webhookSecret(ns, "hook", "s3cret-" + ns);
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("api")
                .endMetadata()
                .withStringData(Map.of("token", gitea.token()))
                .build())
        .create();
    cluster.config(ns, "svc-ci", repository, spec -> {});
    cluster.connection(
        ns,
        "svc",
        repository,
        GitProvider.GITEA,
        "hook",
        "svc-ci",
        spec -> spec.setAuthSecretRef("api"));
    gitea.api(
        "POST",
        "/repos/c8s/svc/hooks",
        Map.of(
            "type",
            "gitea",
            "active",
            true,
            "events",
            List.of("push", "pull_request", "issue_comment"),
            "config",
            Map.of("url", receiver.toString(), "content_type", "json", "secret", "s3cret-" + ns)));

    gitea.commitFile("svc", "a.txt", "a");
    String pushed = gitea.head("svc");
    PipelineRun push =
        awaitRun(
            ns,
            r -> pushed.equals(r.getSpec().getCommit()) && r.getSpec().getPullRequest() == null);
    assertThat(push.getSpec().getBranch()).isEqualTo("main");

    gitea.api(
        "POST",
        "/repos/c8s/svc/contents/b.txt",
        Map.of("content", "Yg==", "message", "add b", "branch", "main", "new_branch", "feature"));
    long number =
        gitea
            .api(
                "POST",
                "/repos/c8s/svc/pulls",
                Map.of("head", "feature", "base", "main", "title", "b"))
            .path("number")
            .asLong();
    PipelineRun pr = awaitRun(ns, r -> r.getSpec().getPullRequest() != null);
    assertThat(pr.getSpec().getPullRequest().getNumber()).isEqualTo(number);
    assertThat(pr.getSpec().getPullRequest().getBaseBranch()).isEqualTo("main");
    assertThat(pr.getSpec().getBranch()).isEqualTo("feature");

    gitea.api("POST", "/repos/c8s/svc/issues/" + number + "/comments", Map.of("body", "/retest"));
    PipelineRun retest =
        awaitRun(
            ns,
            r ->
                r.getMetadata().getAnnotations() != null
                    && r.getMetadata()
                        .getAnnotations()
                        .containsKey(CommandProcessor.COMMENT_ANNOTATION));
    assertThat(retest.getSpec().getCommit()).isEqualTo(pr.getSpec().getCommit());
    assertThat(retest.getMetadata().getLabels())
        .containsEntry(C8s.LABEL_PULL_REQUEST, String.valueOf(number));
  }

  private PipelineRun awaitRun(String ns, java.util.function.Predicate<PipelineRun> which) {
    return await()
        .atMost(AT_MOST)
        .until(
            () ->
                client.resources(PipelineRun.class).inNamespace(ns).list().getItems().stream()
                    .filter(which)
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }
}
