package dev.c8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.webhook.Fixture;
import dev.c8s.webhook.delivery.EventMeaning.BranchPush;
import dev.c8s.webhook.delivery.EventMeaning.Ignored;
import dev.c8s.webhook.delivery.EventMeaning.Ping;
import dev.c8s.webhook.delivery.EventMeaning.Pushes;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What each provider's documented payloads mean: pushes, pings, and what is ignored. */
class ProviderPayloadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final GitHubProtocol github = new GitHubProtocol();
  private final GitLabProtocol gitlab = new GitLabProtocol();
  private final BitbucketProtocol bitbucket = new BitbucketProtocol();

  private static JsonNode json(Fixture fixture) throws IOException {
    return JSON.readTree(fixture.bytes());
  }

  @Test
  void githubPushOfABranch() throws Exception {
    assertThat(github.interpret("push", json(Fixture.of("github-push.json"))))
        .isEqualTo(
            new Pushes(
                java.util.List.of(
                    new BranchPush("main", "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c")),
                "Codertocat"));
  }

  @Test
  void githubPusherFallsBackToTheSendersLogin() throws Exception {
    Fixture fixture = Fixture.of("github-push.json").set("/pusher", null);
    assertThat(((Pushes) github.interpret("push", json(fixture))).pusher()).isEqualTo("Codertocat");
  }

  @Test
  void githubPingTagsDeletionsAndOtherEvents() throws Exception {
    assertThat(github.interpret("ping", json(Fixture.of("github-ping.json"))))
        .isInstanceOf(Ping.class);
    assertThat(
            github.interpret(
                "push", json(Fixture.of("github-push.json").set("/ref", "refs/tags/v1.0"))))
        .isEqualTo(new Ignored("tag push of v1.0: c8s builds branches only"));
    assertThat(github.interpret("push", json(Fixture.of("github-push.json").set("/deleted", true))))
        .isEqualTo(new Ignored("deletion of branch main: nothing to build"));
    assertThat(
            github.interpret(
                "push", json(Fixture.of("github-push.json").set("/after", "0".repeat(40)))))
        .isInstanceOf(Ignored.class);
    assertThat(github.interpret("issues", json(Fixture.of("github-push.json"))))
        .isEqualTo(
            new Ignored(
                "event issues starts no run: c8s builds push and pull_request events and takes commands from issue_comment events"));
  }

  @Test
  void githubPushWithoutRefOrWithNonStringAfterIsMalformed() {
    assertThatThrownBy(
            () -> github.interpret("push", json(Fixture.of("github-push.json").set("/ref", null))))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessage("ref: missing");
    assertThatThrownBy(
            () -> github.interpret("push", json(Fixture.of("github-push.json").set("/after", 7))))
        .hasMessage("after: not a string");
  }

  @Test
  void gitlabPushHookNamesTheUsername() throws Exception {
    assertThat(gitlab.interpret("Push Hook", json(Fixture.of("gitlab-push.json"))))
        .isEqualTo(
            new Pushes(
                java.util.List.of(
                    new BranchPush("master", "da1560886d4f094c3e6c9ef40349f7d38b5d27d7")),
                "jsmith"));
  }

  @Test
  void gitlabTagPushAndBranchDeletionAreIgnored() throws Exception {
    assertThat(
            gitlab.interpret(
                "Tag Push Hook", json(Fixture.of("gitlab-push.json").set("/ref", "refs/tags/v2"))))
        .isEqualTo(new Ignored("tag push of v2: c8s builds branches only"));
    assertThat(
            gitlab.interpret(
                "Push Hook", json(Fixture.of("gitlab-push.json").set("/after", "0".repeat(40)))))
        .isEqualTo(new Ignored("deletion of branch master: nothing to build"));
    assertThat(gitlab.interpret("Merge Request Hook", json(Fixture.of("gitlab-push.json"))))
        .isInstanceOf(Ignored.class);
  }

  @Test
  void bitbucketPushBuildsTheBranchAndSkipsTheTagOfTheSameDelivery() throws Exception {
    assertThat(bitbucket.interpret("repo:push", json(Fixture.of("bitbucket-push.json"))))
        .isEqualTo(
            new Pushes(
                java.util.List.of(
                    new BranchPush("main", "709d658dc5b6d6afcd46049c2f332ee3f515a67d")),
                "emma"));
  }

  @Test
  void bitbucketPushOfOnlyADeletionIsIgnoredAndAMissingHashIsMalformed() throws Exception {
    Fixture deletion =
        Fixture.of("bitbucket-push.json")
            .set("/push/changes/0/new", null)
            .set("/push/changes/1", null);
    assertThat(bitbucket.interpret("repo:push", json(deletion)))
        .isEqualTo(new Ignored("deletion of main: nothing to build"));
    Fixture noHash = Fixture.of("bitbucket-push.json").set("/push/changes/0/new/target", null);
    assertThatThrownBy(() -> bitbucket.interpret("repo:push", json(noHash)))
        .hasMessage("push.changes[0].new.target.hash: missing");
    assertThatThrownBy(() -> bitbucket.interpret("repo:push", JSON.readTree("{\"push\":{}}")))
        .hasMessage("push.changes: missing or not a list");
  }
}
