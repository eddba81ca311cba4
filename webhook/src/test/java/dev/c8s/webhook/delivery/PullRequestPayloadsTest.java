package dev.c8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.model.v1alpha1.PullRequest;
import dev.c8s.webhook.Fixture;
import dev.c8s.webhook.delivery.EventMeaning.Ignored;
import dev.c8s.webhook.delivery.EventMeaning.PullRequestChange;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each provider's published pull request payloads mean: what to build, and what not. */
class PullRequestPayloadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OCTOKIT_HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  private final GitHubProtocol github = new GitHubProtocol();
  private final GitLabProtocol gitlab = new GitLabProtocol();
  private final BitbucketProtocol bitbucket = new BitbucketProtocol();

  private static JsonNode json(Fixture fixture) throws IOException {
    return JSON.readTree(fixture.bytes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"opened", "synchronize", "reopened"})
  void githubBuildsTheHeadOfAnOpenedUpdatedOrReopenedPullRequest(String action) throws Exception {
    PullRequestChange change =
        (PullRequestChange)
            github.interpret(
                "pull_request", json(Fixture.of("github-pull-request-" + action + ".json")));

    PullRequest pr = change.pullRequest();
    assertThat(change.headCommit()).isEqualTo(OCTOKIT_HEAD);
    assertThat(change.author()).isEqualTo("Codertocat");
    assertThat(pr.getNumber()).isEqualTo(2L);
    assertThat(pr.getHeadBranch()).isEqualTo("changes");
    assertThat(pr.getBaseBranch()).isEqualTo("master");
    assertThat(pr.getHeadRepository()).isEqualTo("Codertocat/Hello-World");
    assertThat(pr.fromFork()).isFalse();
    assertThat(pr.getFetchRef()).isEqualTo("refs/pull/2/head");
    assertThat(pr.getUrl()).isEqualTo("https://github.com/Codertocat/Hello-World/pull/2");
  }

  @Test
  void githubClosedAndOtherActionsStartNothingAndSayWhatDoes() throws Exception {
    assertThat(
            github.interpret("pull_request", json(Fixture.of("github-pull-request-closed.json"))))
        .isEqualTo(
            new Ignored(
                "pull_request action closed starts no run: c8s builds opened, synchronize and"
                    + " reopened"));
  }

  @Test
  void githubPullRequestFromAnotherRepositoryOrADeletedForkIsAFork() throws Exception {
    Fixture fork =
        Fixture.of("github-pull-request-opened.json")
            .set("/pull_request/head/repo/full_name", "someone/Hello-World");
    Fixture deletedFork =
        Fixture.of("github-pull-request-opened.json").set("/pull_request/head/repo", null);

    assertThat(((PullRequestChange) github.interpret("pull_request", json(fork))).pullRequest())
        .satisfies(pr -> assertThat(pr.fromFork()).isTrue())
        .satisfies(pr -> assertThat(pr.getHeadRepository()).isEqualTo("someone/Hello-World"));
    assertThat(
            ((PullRequestChange) github.interpret("pull_request", json(deletedFork)))
                .pullRequest()
                .fromFork())
        .isTrue();
  }

  @Test
  void githubPullRequestWithoutHeadShaIsMalformedNamingTheField() {
    Fixture noSha =
        Fixture.of("github-pull-request-opened.json").set("/pull_request/head/sha", null);
    assertThatThrownBy(() -> github.interpret("pull_request", json(noSha)))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessage("pull_request.head.sha: missing");
  }

  @Test
  void gitlabBuildsTheLastCommitOfAnOpenedMergeRequest() throws Exception {
    PullRequestChange change =
        (PullRequestChange)
            gitlab.interpret(
                "Merge Request Hook", json(Fixture.of("gitlab-merge-request-open.json")));

    assertThat(change.headCommit()).isEqualTo("da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
    assertThat(change.author()).isEqualTo("root");
    assertThat(change.pullRequest().getNumber()).isEqualTo(1L);
    assertThat(change.pullRequest().getHeadBranch()).isEqualTo("ms-viewport");
    assertThat(change.pullRequest().getBaseBranch()).isEqualTo("master");
    assertThat(change.pullRequest().fromFork()).isFalse();
    assertThat(change.pullRequest().getFetchRef()).isEqualTo("refs/merge-requests/1/head");
  }

  @Test
  void gitlabUpdateBuildsOnlyWithNewCommitsAndAForkIsTold() throws Exception {
    Fixture update =
        Fixture.of("gitlab-merge-request-open.json").set("/object_attributes/action", "update");
    assertThat(gitlab.interpret("Merge Request Hook", json(update)))
        .isEqualTo(
            new Ignored(
                "merge request update without new commits (no object_attributes.oldrev): nothing"
                    + " to build"));
    Fixture pushed =
        update.set("/object_attributes/oldrev", "95790bf891e76fee5e1747ab589903a6a1f80f22");
    assertThat(gitlab.interpret("Merge Request Hook", json(pushed)))
        .isInstanceOf(PullRequestChange.class);

    Fixture fork =
        Fixture.of("gitlab-merge-request-open.json")
            .set("/object_attributes/source_project_id", 15)
            .set("/object_attributes/source/path_with_namespace", "someone/awesome_project");
    assertThat(
            ((PullRequestChange) gitlab.interpret("Merge Request Hook", json(fork)))
                .pullRequest()
                .fromFork())
        .isTrue();
    Fixture merged =
        Fixture.of("gitlab-merge-request-open.json").set("/object_attributes/action", "merge");
    assertThat(gitlab.interpret("Merge Request Hook", json(merged))).isInstanceOf(Ignored.class);
  }

  @Test
  void bitbucketBuildsTheSourceCommitOfACreatedPullRequest() throws Exception {
    PullRequestChange change =
        (PullRequestChange)
            bitbucket.interpret(
                "pullrequest:created", json(Fixture.of("bitbucket-pullrequest-created.json")));

    assertThat(change.headCommit()).isEqualTo("d3adb33f0123");
    assertThat(change.author()).isEqualTo("emma");
    assertThat(change.pullRequest().getNumber()).isEqualTo(12L);
    assertThat(change.pullRequest().getHeadBranch()).isEqualTo("feature/login");
    assertThat(change.pullRequest().getBaseBranch()).isEqualTo("main");
    assertThat(change.pullRequest().fromFork()).isFalse();
    assertThat(change.pullRequest().getFetchRef()).isNull();
  }

  @Test
  void bitbucketUpdatedPullRequestFromAForkIsAFork() throws Exception {
    PullRequestChange change =
        (PullRequestChange)
            bitbucket.interpret(
                "pullrequest:updated", json(Fixture.of("bitbucket-pullrequest-updated-fork.json")));

    assertThat(change.pullRequest().fromFork()).isTrue();
    assertThat(change.pullRequest().getHeadRepository()).isEqualTo("emma/repo_name");
    assertThat(change.pullRequest().getHeadBranch()).isEqualTo("main");
  }
}
