package dev.c8s.controller.forge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.model.forge.ForgeCredentials;
import dev.c8s.model.forge.ForgeRepository;
import dev.c8s.model.forge.ForgeRequest;
import dev.c8s.model.v1alpha1.GitProvider;
import org.junit.jupiter.api.Test;

/** Each provider's webhook requests: paths, methods, events and how c8s finds its own hook. */
class WebhookRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ForgeCredentials TOKEN = new ForgeCredentials(null, "t0ken");
  private static final String URL = "https://ci.example.com/webhooks/github";

  private static ForgeRepository repo(GitProvider provider, String api, String path) {
    return new ForgeRepository(provider, api, path);
  }

  private static JsonNode body(ForgeRequest request) throws Exception {
    return JSON.readTree(request.body());
  }

  @Test
  void githubCreatesAJsonWebHookForPushesPullRequestsAndCommentsAndPatchesItById()
      throws Exception {
    ForgeRepository github = repo(GitProvider.GITHUB, "https://api.github.com", "org/app");

    ForgeRequest create = WebhookRequests.create(github, TOKEN, URL, "s3cret");
    ForgeRequest update = WebhookRequests.update(github, TOKEN, "12", URL, "s3cret");

    assertThat(create.method()).isEqualTo("POST");
    assertThat(create.uri()).hasToString("https://api.github.com/repos/org/app/hooks");
    assertThat(body(create).path("name").asText()).isEqualTo("web");
    assertThat(body(create).path("config").path("url").asText()).isEqualTo(URL);
    assertThat(body(create).path("config").path("secret").asText()).isEqualTo("s3cret");
    assertThat(body(create).path("config").path("content_type").asText()).isEqualTo("json");
    assertThat(body(create).path("events").toString())
        .isEqualTo("[\"push\",\"pull_request\",\"issue_comment\"]");
    assertThat(update.method()).isEqualTo("PATCH");
    assertThat(update.uri()).hasToString("https://api.github.com/repos/org/app/hooks/12");
    assertThat(body(update).has("name")).isFalse();
    assertThat(create.headers()).containsEntry("Authorization", "Bearer t0ken");
  }

  @Test
  void gitlabSendsTheSecretAsTokenToTheUrlEncodedProjectsHooks() throws Exception {
    ForgeRepository gitlab = repo(GitProvider.GITLAB, "https://gl.example.com/api/v4", "g/sub/app");

    ForgeRequest create = WebhookRequests.create(gitlab, TOKEN, URL, "s3cret");
    ForgeRequest delete = WebhookRequests.delete(gitlab, TOKEN, "7");

    assertThat(create.uri())
        .hasToString("https://gl.example.com/api/v4/projects/g%2Fsub%2Fapp/hooks");
    assertThat(body(create).path("token").asText()).isEqualTo("s3cret");
    assertThat(body(create).path("merge_requests_events").asBoolean()).isTrue();
    assertThat(body(create).path("note_events").asBoolean()).isTrue();
    assertThat(create.headers()).containsEntry("PRIVATE-TOKEN", "t0ken");
    assertThat(delete.method()).isEqualTo("DELETE");
    assertThat(delete.uri())
        .hasToString("https://gl.example.com/api/v4/projects/g%2Fsub%2Fapp/hooks/7");
    assertThat(WebhookRequests.update(gitlab, TOKEN, "7", URL, "s").method()).isEqualTo("PUT");
  }

  @Test
  void bitbucketHooksAreFoundByUrlAndAddressedByTheirEncodedUuid() throws Exception {
    ForgeRepository bitbucket =
        repo(GitProvider.BITBUCKET, "https://api.bitbucket.org/2.0", "team/app");
    JsonNode listed =
        JSON.readTree(
            "{\"values\":[{\"uuid\":\"{aaa}\",\"url\":\"https://other.example.com\"},"
                + "{\"uuid\":\"{bbb}\",\"url\":\""
                + URL
                + "\"}]}");

    String id = WebhookRequests.find(bitbucket, listed, URL).orElseThrow();
    ForgeRequest update = WebhookRequests.update(bitbucket, TOKEN, id, URL, "s3cret");

    assertThat(id).isEqualTo("{bbb}");
    assertThat(update.uri())
        .hasToString("https://api.bitbucket.org/2.0/repositories/team/app/hooks/%7Bbbb%7D");
    assertThat(body(update).path("events").size()).isEqualTo(4);
    assertThat(body(update).path("secret").asText()).isEqualTo("s3cret");
  }

  @Test
  void aHookCallingAnotherUrlIsNotOurs() throws Exception {
    ForgeRepository github = repo(GitProvider.GITHUB, "https://api.github.com", "org/app");
    JsonNode listed =
        JSON.readTree("[{\"id\":1,\"config\":{\"url\":\"https://jenkins.example.com/hook\"}}]");

    assertThat(WebhookRequests.find(github, listed, URL)).isEmpty();
  }
}
