package dev.c8s.webhook.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import dev.c8s.testing.PublishedForgeApi;
import dev.c8s.testing.PublishedForgeApi.Answer;
import dev.c8s.testing.SharedControlPlane;
import dev.c8s.webhook.Cluster;
import dev.c8s.webhook.ControlPlaneResource;
import dev.c8s.webhook.Deliveries;
import dev.c8s.webhook.Fixture;
import dev.c8s.webhook.Signer;
import dev.c8s.webhook.connection.ConnectionIndex;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pull request comments signed as the providers sign them: the commenter's write access is asked of
 * a server that checks every request against the provider's published API description.
 */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class CommentCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  private static final Map<String, String> PULL_REQUEST_LINK =
      Map.of("url", "https://api.github.com/repos/x/y/pulls/2");
  private final KubernetesClient client = ControlPlaneResource.admin();
  @Inject ConnectionIndex index;
  private Cluster cluster;
  private PublishedForgeApi forge;
  private String ns;
  private String secret;

  @BeforeEach
  void namespace() {
    cluster = new Cluster(client, index);
    ns = SharedControlPlane.get(false).newNamespace("comments");
    secret = "s3cret-" + UUID.randomUUID();
    cluster.webhookSecret(ns, "hook", secret);
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("api")
                .endMetadata()
                .withStringData(Map.of("token", "t0ken"))
                .build())
        .create();
  }

  @AfterEach
  void stopForge() {
    if (forge != null) {
      assertThat(forge.invalid()).as("requests the published description refuses").isEmpty();
      forge.close();
    }
  }

  private void connect(
      GitProvider provider, String repository, Consumer<RepositoryConnectionSpec> adjust) {
    forge = PublishedForgeApi.start(provider);
    cluster.config(ns, "app-ci", repository, spec -> {});
    cluster.connection(
        ns,
        "app",
        repository,
        provider,
        "hook",
        "app-ci",
        spec -> {
          spec.setApiUrl(forge.apiUrl());
          spec.setAuthSecretRef("api");
          adjust.accept(spec);
        });
  }

  private Response github(Fixture fixture, String event) {
    byte[] body = fixture.bytes();
    return Deliveries.github(
        body, Signer.sha256(secret, body), event, UUID.randomUUID().toString());
  }

  private Fixture forkPullRequest() {
    return Fixture.of("github-pull-request-opened.json")
        .replace("Codertocat/Hello-World", "c8s-it/" + ns)
        .set("/pull_request/head/repo/full_name", "stranger/Hello-World");
  }

  private Fixture comment(String body, long id) {
    return Fixture.of("github-issue-comment-created.json")
        .replace("Codertocat/Hello-World", "c8s-it/" + ns)
        .set("/issue/number", 2)
        .set("/issue/pull_request", PULL_REQUEST_LINK)
        .set("/comment/id", id)
        .set("/comment/body", body)
        .set("/comment/created_at", Instant.now().plusSeconds(1).toString());
  }

  /** What GitHub's API shows for the pull request: the object its webhook payload carries too. */
  private void pullRequestIs(Fixture pullRequestEvent) throws Exception {
    JsonNode pr = JSON.readTree(pullRequestEvent.bytes()).path("pull_request");
    forge.script("GET", "pulls/get", Answer.json(200, pr.toString()), 10);
  }

  private void permissionIs(String permission) {
    forge.script(
        "GET",
        "repos/get-collaborator-permission-level",
        Answer.json(
            200,
            "{\"permission\":\""
                + permission
                + "\",\"role_name\":\""
                + permission
                + "\","
                + "\"user\":{\"login\":\"Codertocat\",\"id\":21031067}}"),
        1);
  }

  @Test
  void okToTestFromAWriterApprovesTheForksHeldRunOfTheCurrentHead() throws Exception {
    connect(GitProvider.GITHUB, "https://github.com/c8s-it/" + ns, spec -> {});
    String held = github(forkPullRequest(), "pull_request").path("runs[0].name");
    assertThat(cluster.run(ns, held).getSpec().awaitsApproval()).isTrue();
    pullRequestIs(forkPullRequest());
    permissionIs("write");

    github(comment("/ok-to-test", 1001), "issue_comment")
        .then()
        .statusCode(202)
        .body("runs[0].name", equalTo(held))
        .body("reason", containsString("approved 1 run(s) of pull request #2"));

    PipelineRun approved = cluster.run(ns, held);
    assertThat(approved.getSpec().getApprovedBy()).isEqualTo("Codertocat");
    assertThat(approved.getSpec().awaitsApproval()).isFalse();
    assertThat(forge.received("GET", ".*/collaborators/Codertocat/permission")).hasSize(1);
    assertThat(forge.received("GET", ".*/pulls/2")).hasSize(1);
  }

  @Test
  void anApprovalWrittenBeforeTheHeadsRunExistedApprovesNothing() throws Exception {
    connect(GitProvider.GITHUB, "https://github.com/c8s-it/" + ns, spec -> {});
    String held = github(forkPullRequest(), "pull_request").path("runs[0].name");
    pullRequestIs(forkPullRequest());
    permissionIs("write");
    Fixture early = comment("/ok-to-test", 1003).set("/comment/created_at", "2019-05-15T15:20:21Z");

    github(early, "issue_comment")
        .then()
        .statusCode(202)
        .body("reason", containsString("existed when the comment was written"));

    assertThat(cluster.run(ns, held).getSpec().awaitsApproval()).isTrue();
    assertThat(cluster.runs(ns)).hasSize(1);
  }

  @Test
  void retestOfAForksPullRequestLeavesTheNewRunHeldForApproval() throws Exception {
    connect(GitProvider.GITHUB, "https://github.com/c8s-it/" + ns, spec -> {});
    github(forkPullRequest(), "pull_request").then().statusCode(201);
    pullRequestIs(forkPullRequest());
    permissionIs("write");

    Response retest = github(comment("/retest", 1004), "issue_comment");

    retest.then().statusCode(201);
    assertThat(cluster.run(ns, retest.path("runs[0].name")).getSpec().awaitsApproval()).isTrue();
  }

  @Test
  void aGiteaPullRequestFromTheRepositoryItselfByAReaderIsHeldLikeAForks() {
    String repository = "https://gitea.example.com/c8s-it/" + ns;
    connect(GitProvider.GITEA, repository, spec -> {});
    forge.script(
        "GET",
        "repoGetRepoPermissions",
        Answer.json(200, "{\"permission\":\"read\",\"role_name\":\"read\"}"),
        1);
    byte[] body =
        Fixture.of("gitea-pull-request-opened.json")
            .replace("http://127.0.0.1:3731/c8s/demo", repository)
            .replace("c8s/demo", "c8s-it/" + ns)
            .bytes();

    Response opened =
        Deliveries.gitea(
            body, Signatures.hmacSha256Hex(secret.getBytes(), body), "pull_request", "a-" + ns);

    opened.then().statusCode(201);
    PipelineRun run = cluster.run(ns, opened.path("runs[0].name"));
    assertThat(run.getSpec().getPullRequest().fromFork()).isTrue();
    assertThat(run.getSpec().awaitsApproval()).isTrue();
    assertThat(forge.received("GET", ".*/collaborators/c8s/permission")).hasSize(1);
  }

  @Test
  void aCommandFromAUserWithoutWriteAccessIsIgnoredAndCounted() throws Exception {
    connect(GitProvider.GITHUB, "https://github.com/c8s-it/" + ns, spec -> {});
    String held = github(forkPullRequest(), "pull_request").path("runs[0].name");
    double before = deniedCommands();
    permissionIs("read");

    github(comment("/ok-to-test", 1002), "issue_comment")
        .then()
        .statusCode(202)
        .body("reason", containsString("Codertocat has no write access to c8s-it/" + ns));

    assertThat(cluster.run(ns, held).getSpec().awaitsApproval()).isTrue();
    assertThat(deniedCommands()).isEqualTo(before + 1);
  }

  @Test
  void retestStartsTheHeadAgainOncePerCommentAndCancelStopsThePullRequestsRuns() throws Exception {
    connect(GitProvider.GITHUB, "https://github.com/c8s-it/" + ns, spec -> {});
    Fixture own =
        Fixture.of("github-pull-request-opened.json")
            .replace("Codertocat/Hello-World", "c8s-it/" + ns);
    String first = github(own, "pull_request").path("runs[0].name");
    pullRequestIs(own);
    permissionIs("admin");
    permissionIs("admin");

    Response retest = github(comment("/retest", 2001), "issue_comment");
    retest.then().statusCode(201);
    String again = retest.path("runs[0].name");
    assertThat(again).isNotEqualTo(first);
    assertThat(cluster.run(ns, again).getSpec().getCommit()).isEqualTo(HEAD);
    assertThat(cluster.run(ns, again).getMetadata().getAnnotations())
        .containsEntry(CommandProcessor.COMMENT_ANNOTATION, "2001");
    // The same comment delivered again finds its run.
    github(comment("/retest", 2001), "issue_comment").then().body("runs[0].name", equalTo(again));
    assertThat(cluster.runs(ns)).hasSize(2);

    permissionIs("write");
    github(comment("/cancel", 2002), "issue_comment")
        .then()
        .statusCode(202)
        .body("runs.size()", equalTo(2));
    assertThat(cluster.runs(ns))
        .allSatisfy(r -> assertThat(r.getSpec().getCancelRequested()).isTrue());
  }

  @Test
  void withoutATokenNobodysRightsCanBeCheckedSoTheCommandWaits() {
    forge = PublishedForgeApi.start(GitProvider.GITHUB);
    String repository = "https://github.com/c8s-it/" + ns;
    cluster.config(ns, "app-ci", repository, spec -> {});
    cluster.connection(ns, "app", repository, GitProvider.GITHUB, "hook", "app-ci");

    github(comment("/retest", 3001), "issue_comment")
        .then()
        .statusCode(202)
        .body("reason", containsString("has no authSecretRef Secret with a token"));
    assertThat(cluster.runs(ns)).isEmpty();
  }

  @Test
  void gitlabNoteFromADeveloperRetestsTheMergeRequestsLastCommit() {
    String repository = "https://gitlab.example.com/c8s-it/" + ns;
    connect(GitProvider.GITLAB, repository, spec -> {});
    forge.script(
        "GET",
        "/api/v4/projects/{id}/members/all/{user_id}",
        Answer.json(200, "{\"id\":1,\"username\":\"root\",\"access_level\":30}"),
        1);
    byte[] note =
        Fixture.of("gitlab-note-merge-request.json")
            .replace("example.com/gitlab-org/gitlab-test", "gitlab.example.com/c8s-it/" + ns)
            .replace("example.com:gitlab-org/gitlab-test", "gitlab.example.com:c8s-it/" + ns)
            .set("/object_attributes/note", "/retest")
            .bytes();

    Response answer = Deliveries.gitlab(note, secret, "Note Hook", UUID.randomUUID().toString());

    answer.then().statusCode(201);
    PipelineRun run = cluster.run(ns, answer.path("runs[0].name"));
    assertThat(run.getSpec().getCommit()).isEqualTo("562e173be03b8ff2efb05345d12df18815438a4b");
    assertThat(run.getSpec().getPullRequest().getNumber()).isEqualTo(1L);
    assertThat(forge.received("GET", ".*/members/all/1")).hasSize(1);
  }

  @Test
  void bitbucketCommentFromAWriterRetestsThePullRequest() {
    String repository = "https://bitbucket.org/c8s-it/" + ns;
    connect(GitProvider.BITBUCKET, repository, spec -> {});
    forge.script(
        "GET",
        "/workspaces/{workspace}/permissions/repositories/{repo_slug}",
        Answer.json(
            200,
            "{\"values\":[{\"type\":\"repository_permission\",\"permission\":\"write\","
                + "\"user\":{\"uuid\":\"{a54f16da-24e9-4d7f-a3a7-b1ba2cd98aa3}\"}}]}"),
        1);
    byte[] comment =
        Fixture.of("bitbucket-pullrequest-comment-created.json")
            .replace("team_name/repo_name", "c8s-it/" + ns)
            .bytes();

    Response answer =
        Deliveries.bitbucket(
            comment, Signer.sha256(secret, comment), "pullrequest:comment_created", "r-" + ns);

    answer.then().statusCode(201);
    assertThat(cluster.run(ns, answer.path("runs[0].name")).getSpec().getCommit())
        .isEqualTo("d3adb33f0123");
    assertThat(forge.received("GET", ".*/permissions/repositories/.*").get(0).queryParameter("q"))
        .isEqualTo("user.uuid=\"{a54f16da-24e9-4d7f-a3a7-b1ba2cd98aa3}\"");
  }

  private static double deniedCommands() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    var m =
        java.util.regex.Pattern.compile(
                "(?m)^c8s_webhook_commands_total\\{[^}]*command=\"/ok-to-test\"[^}]*outcome=\"denied\"[^}]*\\} ([0-9.E+-]+)$")
            .matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
