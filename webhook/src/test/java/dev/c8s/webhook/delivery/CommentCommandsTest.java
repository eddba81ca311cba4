package dev.c8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.webhook.Fixture;
import dev.c8s.webhook.delivery.EventMeaning.Command;
import dev.c8s.webhook.delivery.EventMeaning.Ignored;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which comments give which command, read from each provider's published comment payloads. */
class CommentCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> PULL_REQUEST_LINK =
      Map.of("url", "https://api.github.com/repos/Codertocat/Hello-World/pulls/1");

  private static JsonNode json(Fixture fixture) throws IOException {
    return JSON.readTree(fixture.bytes());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/retest|RETEST",
        "  /ok-to-test  |OK_TO_TEST",
        "/CANCEL please|CANCEL",
        "Looks good.\\n/retest|RETEST",
        "please /retest|",
        "> /retest|",
        "/retesting|",
        "/lgtm|"
      })
  void aCommandIsTheFirstWordOfALine(String comment, String expected) {
    Optional<CommentCommand> command = CommentCommand.in(comment.replace("\\n", "\n"));
    assertThat(command.map(Enum::name).orElse(null)).isEqualTo(expected);
  }

  @Test
  void githubCommentOnAPullRequestIsACommandWithoutTheHead() throws Exception {
    Fixture comment =
        Fixture.of("github-issue-comment-created.json")
            .set("/issue/pull_request", PULL_REQUEST_LINK)
            .set("/comment/body", "/ok-to-test");

    Command command = (Command) new GitHubProtocol().interpret("issue_comment", json(comment));

    assertThat(command.command()).isEqualTo(CommentCommand.OK_TO_TEST);
    assertThat(command.number()).isEqualTo(1);
    assertThat(command.commentId()).isEqualTo("492700400");
    assertThat(command.author()).isEqualTo("Codertocat");
    assertThat(command.authorId()).isEqualTo("Codertocat");
    assertThat(command.change()).isNull();
  }

  @Test
  void githubIssueCommentsEditsAndCommentsWithoutACommandAreIgnored() throws Exception {
    GitHubProtocol github = new GitHubProtocol();
    Fixture onIssue =
        Fixture.of("github-issue-comment-created.json").set("/comment/body", "/retest");
    assertThat(github.interpret("issue_comment", json(onIssue)))
        .isEqualTo(
            new Ignored(
                "comment on an issue, not on a pull request: c8s takes commands on pull requests"));
    Fixture edited = onIssue.set("/issue/pull_request", PULL_REQUEST_LINK).set("/action", "edited");
    assertThat(github.interpret("issue_comment", json(edited)))
        .isEqualTo(new Ignored("comment edited: c8s takes commands from new comments"));
    Fixture chat =
        Fixture.of("github-issue-comment-created.json")
            .set("/issue/pull_request", PULL_REQUEST_LINK);
    assertThat(github.interpret("issue_comment", json(chat)))
        .isEqualTo(PullRequestPayloads.noCommand());
  }

  @Test
  void gitlabMergeRequestNoteCarriesTheHeadAndTheUsersId() throws Exception {
    Fixture note =
        Fixture.of("gitlab-note-merge-request.json").set("/object_attributes/note", "/retest");

    Command command = (Command) new GitLabProtocol().interpret("Note Hook", json(note));

    assertThat(command.command()).isEqualTo(CommentCommand.RETEST);
    assertThat(command.number()).isEqualTo(1);
    assertThat(command.commentId()).isEqualTo("1244");
    assertThat(command.author()).isEqualTo("root");
    assertThat(command.authorId()).isEqualTo("1");
    assertThat(command.change().headCommit()).isEqualTo("562e173be03b8ff2efb05345d12df18815438a4b");
    assertThat(command.change().pullRequest().getBaseBranch()).isEqualTo("markdown");
    assertThat(command.change().pullRequest().fromFork()).isFalse();
  }

  @Test
  void gitlabNotesOnIssuesAndWithoutACommandAreIgnored() throws Exception {
    GitLabProtocol gitlab = new GitLabProtocol();
    Fixture onIssue =
        Fixture.of("gitlab-note-merge-request.json")
            .set("/object_attributes/noteable_type", "Issue")
            .set("/object_attributes/note", "/retest");
    assertThat(gitlab.interpret("Note Hook", json(onIssue))).isInstanceOf(Ignored.class);
    assertThat(gitlab.interpret("Note Hook", json(Fixture.of("gitlab-note-merge-request.json"))))
        .isEqualTo(PullRequestPayloads.noCommand());
  }

  @Test
  void bitbucketCommentFindsTheCommandOnItsSecondLine() throws Exception {
    Command command =
        (Command)
            new BitbucketProtocol()
                .interpret(
                    "pullrequest:comment_created",
                    json(Fixture.of("bitbucket-pullrequest-comment-created.json")));

    assertThat(command.command()).isEqualTo(CommentCommand.RETEST);
    assertThat(command.number()).isEqualTo(12);
    assertThat(command.commentId()).isEqualTo("421337");
    assertThat(command.author()).isEqualTo("emma");
    assertThat(command.authorId()).isEqualTo("{a54f16da-24e9-4d7f-a3a7-b1ba2cd98aa3}");
    assertThat(command.change().headCommit()).isEqualTo("d3adb33f0123");
  }
}
