package dev.c8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.webhook.Fixture;
import dev.c8s.webhook.delivery.EventMeaning.BranchPush;
import dev.c8s.webhook.delivery.EventMeaning.Ignored;
import dev.c8s.webhook.delivery.EventMeaning.PullRequestChange;
import dev.c8s.webhook.delivery.EventMeaning.Pushes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deliveries a real Gitea 1.26.0 sent: its signature header, pushes and pull requests. */
class GiteaPayloadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final GiteaProtocol gitea = new GiteaProtocol();

  private static JsonNode json(Fixture fixture) throws IOException {
    return JSON.readTree(fixture.bytes());
  }

  @Test
  void theSignatureIsTheBareHexHmacOfTheBody() {
    byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
    byte[] secret = "s3cret".getBytes(StandardCharsets.UTF_8);
    String hex = Signatures.hmacSha256Hex(secret, body);

    assertThat(gitea.verify(new DeliveryRequest(Map.of("X-Gitea-Signature", hex), body), secret))
        .isTrue();
    assertThat(
            gitea.verify(
                new DeliveryRequest(Map.of("X-Gitea-Signature", "sha256=" + hex), body), secret))
        .isFalse();
    assertThat(
            gitea.verify(new DeliveryRequest(Map.of("X-Gitea-Signature", hex), body), new byte[0]))
        .isFalse();
  }

  @Test
  void aPushBuildsItsBranch() throws Exception {
    assertThat(gitea.interpret("push", json(Fixture.of("gitea-push.json"))))
        .isEqualTo(
            new Pushes(
                List.of(new BranchPush("feature", "baab0d6e2d49721a46e7d32b228d731981c42844")),
                "c8s"));
  }

  @Test
  void anOpenedOrSynchronizedPullRequestBuildsItsHeadAndOtherActionsDoNot() throws Exception {
    PullRequestChange opened =
        (PullRequestChange)
            gitea.interpret("pull_request", json(Fixture.of("gitea-pull-request-opened.json")));
    PullRequestChange pushed =
        (PullRequestChange)
            gitea.interpret(
                "pull_request",
                json(Fixture.of("gitea-pull-request-opened.json").set("/action", "synchronized")));

    assertThat(opened.headCommit()).isEqualTo("baab0d6e2d49721a46e7d32b228d731981c42844");
    assertThat(opened.pullRequest().getNumber()).isEqualTo(1L);
    assertThat(opened.pullRequest().getHeadBranch()).isEqualTo("feature");
    assertThat(opened.pullRequest().getBaseBranch()).isEqualTo("main");
    assertThat(opened.pullRequest().fromFork()).isFalse();
    assertThat(opened.pullRequest().getFetchRef()).isEqualTo("refs/pull/1/head");
    assertThat(pushed.headCommit()).isEqualTo(opened.headCommit());
    assertThat(
            gitea.interpret(
                "pull_request",
                json(Fixture.of("gitea-pull-request-opened.json").set("/action", "closed"))))
        .isEqualTo(
            new Ignored(
                "pull_request action closed starts no run: c8s builds opened, synchronized and"
                    + " reopened"));
  }
}
