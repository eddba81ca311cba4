package dev.c8s.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.testing.PublishedForgeApi.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Each provider's trimmed description, served: a request its operations allow gets the documented
 * answer, one they do not is recorded invalid.
 */
class PublishedForgeApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private record Reply(int status, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  private static Reply send(PublishedForgeApi api, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.apiUrl() + path));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body());
  }

  @Test
  void gitHubsOperationsAnswerTheirDocumentedExamples() throws Exception {
    try (PublishedForgeApi api = PublishedForgeApi.start(GitProvider.GITHUB)) {
      Reply permission = send(api, "GET", "/repos/org/app/collaborators/octocat/permission", null);
      assertThat(permission.status()).isEqualTo(200);
      assertThat(permission.json().path("permission").asText()).isEqualTo("admin");
      assertThat(permission.json().path("user").path("login").asText()).isEqualTo("octocat");

      Reply pull = send(api, "GET", "/repos/org/app/pulls/1347", null);
      assertThat(pull.status()).isEqualTo(200);
      assertThat(pull.json().path("number").asInt()).isEqualTo(1347);
      assertThat(pull.json().path("head").path("sha").asText()).isNotEmpty();

      Reply hooks = send(api, "GET", "/repos/org/app/hooks?per_page=100", null);
      assertThat(hooks.status()).isEqualTo(200);
      assertThat(hooks.json().get(0).path("id").asLong()).isEqualTo(12345678);

      Reply created =
          send(
              api,
              "POST",
              "/repos/org/app/hooks",
              "{\"name\":\"web\",\"active\":true,\"events\":[\"push\",\"pull_request\"],"
                  + "\"config\":{\"url\":\"https://ci.example.com/hooks\",\"content_type\":\"json\","
                  + "\"secret\":\"s3cret\",\"insecure_ssl\":\"0\"}}");
      assertThat(created.status()).isEqualTo(201);
      assertThat(created.json().path("id").asLong()).as("the example's").isEqualTo(12345678);
      assertThat(created.json().path("config").path("url").asText())
          .as("what the request set")
          .isEqualTo("https://ci.example.com/hooks");

      assertThat(send(api, "PATCH", "/repos/org/app/hooks/12345678", "{\"active\":false}").status())
          .isEqualTo(200);
      Reply deleted = send(api, "DELETE", "/repos/org/app/hooks/12345678", null);
      assertThat(deleted.status()).isEqualTo(204);
      assertThat(deleted.body()).isEmpty();

      assertThat(api.invalid()).isEmpty();
      assertThat(api.received())
          .extracting(PublishedForgeApi.Received::operation)
          .containsExactly(
              "repos/get-collaborator-permission-level",
              "pulls/get",
              "repos/list-webhooks",
              "repos/create-webhook",
              "repos/update-webhook",
              "repos/delete-webhook");
      assertThat(api.received().get(2).queryParameter("per_page")).isEqualTo("100");
      assertThat(api.received("DELETE", "/repos/org/app/hooks/\\d+")).hasSize(1);
    }
  }

  @Test
  void gitHubRequestsOutsideTheDescriptionAreRecordedInvalid() throws Exception {
    try (PublishedForgeApi api = PublishedForgeApi.start(GitProvider.GITHUB)) {
      Reply unknownField = send(api, "POST", "/repos/org/app/hooks", "{\"nme\":\"web\"}");
      Reply notANumber = send(api, "PATCH", "/repos/org/app/hooks/latest", "{\"active\":true}");
      Reply noStatusState =
          send(api, "POST", "/repos/org/app/statuses/0123abc", "{\"context\":\"c8s/app\"}");
      Reply wrongMethod = send(api, "PUT", "/repos/org/app/hooks/1", "{\"active\":true}");
      Reply unknownPath = send(api, "GET", "/repos/org/app/collaborators/octocat", null);

      assertThat(unknownField.status()).isEqualTo(422);
      assertThat(notANumber.status()).isEqualTo(422);
      assertThat(noStatusState.status()).isEqualTo(422);
      assertThat(wrongMethod.status()).isEqualTo(404);
      assertThat(unknownPath.status()).isEqualTo(404);
      assertThat(api.invalid()).hasSize(5);
      assertThat(api.invalid().get(0).problems()).anyMatch(p -> p.contains("nme"));
      assertThat(api.invalid().get(1).problems())
          .anyMatch(p -> p.startsWith("path parameter hook_id 'latest'"));
      assertThat(api.invalid().get(2).problems()).anyMatch(p -> p.contains("state"));
      assertThat(api.invalid().get(3).problems())
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p)
                      .startsWith("no operation PUT /repos/org/app/hooks/1")
                      .contains("PATCH /repos/{owner}/{repo}/hooks/{hook_id}"));
      assertThat(api.invalid().get(4).operation()).isNull();
      assertThat(unknownPath.json().path("message").asText()).startsWith("no operation GET");
    }
  }

  @Test
  void oneOperationCanBeScriptedAlone() throws Exception {
    try (PublishedForgeApi api = PublishedForgeApi.start(GitProvider.GITHUB)) {
      api.script(
          "GET",
          "repos/get-collaborator-permission-level",
          Answer.json(200, "{\"permission\":\"read\"}"),
          1);
      api.script("POST", "/repos/org/app/hooks", Answer.json(422, "{\"message\":\"exists\"}"), 1);

      assertThat(send(api, "GET", "/repos/org/app/pulls/1", null).json().path("number").asInt())
          .isEqualTo(1347);
      assertThat(
              send(api, "GET", "/repos/org/app/collaborators/jdoe/permission", null)
                  .json()
                  .path("permission")
                  .asText())
          .isEqualTo("read");
      assertThat(
              send(api, "GET", "/repos/org/app/collaborators/jdoe/permission", null)
                  .json()
                  .path("permission")
                  .asText())
          .as("only once")
          .isEqualTo("admin");
      assertThat(send(api, "POST", "/repos/org/app/hooks", "{\"name\":\"web\"}").status())
          .isEqualTo(422);
      assertThat(api.invalid()).as("a scripted refusal is not the description's").isEmpty();
    }
  }

  @Test
  void theCommitStatusAnswerEchoesTheRequest() throws Exception {
    try (PublishedForgeApi api = PublishedForgeApi.start(GitProvider.GITHUB)) {
      Reply created =
          send(
              api,
              "POST",
              "/repos/org/app/statuses/0123abc",
              "{\"state\":\"pending\",\"context\":\"c8s/app\",\"description\":\"Running\"}");

      assertThat(created.status()).isEqualTo(201);
      assertThat(created.json().path("state").asText()).isEqualTo("pending");
      assertThat(created.json().path("context").asText()).isEqualTo("c8s/app");
      assertThat(created.json().path("id").asInt()).isEqualTo(1);
    }
  }

  @Test
  void gitLabsMemberAndHookOperations() throws Exception {
    try (PublishedForgeApi api = PublishedForgeApi.start(GitProvider.GITLAB)) {
      Reply member = send(api, "GET", "/projects/group%2Fsub%2Fapp/members/all/7", null);
      assertThat(member.status()).isEqualTo(200);
      assertThat(member.body()).as("no example in GitLab's description").isEqualTo("{}");

      Reply hooks = send(api, "GET", "/projects/group%2Fsub%2Fapp/hooks", null);
      assertThat(hooks.status()).isEqualTo(200);
      assertThat(hooks.body()).isEqualTo("[]");

      Reply created =
          send(
              api,
              "POST",
              "/projects/group%2Fsub%2Fapp/hooks",
              "{\"url\":\"https://ci.example.com/hooks\",\"push_events\":true,"
                  + "\"merge_requests_events\":true,\"note_events\":true,\"token\":\"s3cret\"}");
      assertThat(created.status()).isEqualTo(201);
      assertThat(created.json().path("url").asText()).isEqualTo("https://ci.example.com/hooks");
      assertThat(created.json().path("id").asInt()).isEqualTo(1);

      assertThat(
              send(api, "PUT", "/projects/42/hooks/1", "{\"url\":\"https://ci.example.com/h\"}")
                  .status())
          .isEqualTo(200);
      assertThat(send(api, "DELETE", "/projects/42/hooks/1", null).status()).isEqualTo(204);
      assertThat(api.invalid()).isEmpty();

      Reply noUrl = send(api, "POST", "/projects/42/hooks", "{\"push_events\":true}");
      Reply userName = send(api, "GET", "/projects/42/members/all/jdoe", null);
      Reply noUser = send(api, "GET", "/projects/42/members/all/", null);
      Reply wrongMethod = send(api, "PATCH", "/projects/42/hooks/1", "{\"url\":\"x\"}");
      assertThat(noUrl.status()).isEqualTo(422);
      assertThat(noUrl.json().path("message").asText()).contains("url");
      assertThat(userName.status()).isEqualTo(422);
      assertThat(noUser.status()).isEqualTo(422);
      assertThat(noUser.json().path("message").asText())
          .isEqualTo("path parameter user_id is empty");
      assertThat(wrongMethod.status()).isEqualTo(404);
      assertThat(api.invalid()).hasSize(4);
    }
  }

  @Test
  void bitbucketsPermissionAndHookOperations() throws Exception {
    try (PublishedForgeApi api = PublishedForgeApi.start(GitProvider.BITBUCKET)) {
      Reply permissions =
          send(
              api,
              "GET",
              "/workspaces/ws/permissions/repositories/app?q=user.uuid%3D%22%7Babc%7D%22",
              null);
      assertThat(permissions.status()).isEqualTo(200);
      assertThat(permissions.body()).as("no example in Bitbucket's description").isEqualTo("{}");
      assertThat(api.received().get(0).queryParameter("q")).isEqualTo("user.uuid=\"{abc}\"");

      assertThat(send(api, "GET", "/repositories/ws/app/hooks", null).status()).isEqualTo(200);
      Reply created =
          send(
              api,
              "POST",
              "/repositories/ws/app/hooks",
              "{\"description\":\"c8s\",\"url\":\"https://ci.example.com/hooks\",\"active\":true,"
                  + "\"events\":[\"repo:push\",\"pullrequest:created\"]}");
      assertThat(created.status()).isEqualTo(201);
      assertThat(created.json().path("url").asText()).isEqualTo("https://ci.example.com/hooks");
      assertThat(
              send(api, "PUT", "/repositories/ws/app/hooks/%7Bd301%7D", "{\"active\":false}")
                  .status())
          .isEqualTo(200);
      assertThat(send(api, "DELETE", "/repositories/ws/app/hooks/%7Bd301%7D", null).status())
          .isEqualTo(204);
      assertThat(api.invalid()).isEmpty();

      Reply notJson = send(api, "POST", "/repositories/ws/app/hooks", "url=https://x");
      Reply wrongMethod = send(api, "PATCH", "/repositories/ws/app/hooks/%7Bd301%7D", "{}");
      Reply noWorkspace = send(api, "GET", "/workspaces//permissions/repositories/app", null);
      assertThat(notJson.status()).isEqualTo(422);
      assertThat(notJson.json().path("message").asText()).startsWith("body is not JSON");
      assertThat(wrongMethod.status()).isEqualTo(404);
      assertThat(noWorkspace.status()).isEqualTo(422);
      assertThat(api.invalid()).hasSize(3);
    }
  }
}
