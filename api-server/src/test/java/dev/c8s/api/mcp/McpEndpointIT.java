package dev.c8s.api.mcp;

import static dev.c8s.api.testing.Fixtures.secretRef;
import static dev.c8s.api.testing.Fixtures.step;
import static dev.c8s.api.testing.Identities.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.Fixtures;
import dev.c8s.api.testing.Identities;
import dev.c8s.api.testing.Runs;
import dev.c8s.api.testing.TestEnvironment;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MCP endpoint with the reference MCP client, real tokens and RBAC, and logs in S3. */
@QuarkusTest
@WithTestResource(ApiServerResources.class)
class McpEndpointIT {
  private static final String SECRET = "hunter2-database-password";

  @TestHTTPResource("/")
  URL base;

  private String ns;

  @BeforeEach
  void runs() {
    ns = Fixtures.namespace("mcp");
    Fixtures.secret(ns, "db", "password", SECRET);
    Fixtures.config(ns, "webapp", Fixtures.spec(step("build"), step("test"), step("deploy")));
    Fixtures.run(ns, "webapp-1", "webapp", "main", RunPhase.Succeeded);
    StepStatus failed =
        Runs.step(
            "test",
            StepPhase.Failed,
            "webapp-2-test",
            "s3://c8s-logs/" + ns + "/webapp-2/test.log");
    failed.setExitCode(2);
    failed.setReason("Error");
    PipelineRun run =
        Runs.started(
            ns,
            "webapp-2",
            Fixtures.spec(step("build"), step("test", secretRef("db", "password")), step("deploy")),
            Runs.step("build", StepPhase.Succeeded, "webapp-2-build", null),
            failed,
            Runs.step("deploy", StepPhase.Skipped, null, null));
    run.getStatus().setPhase(RunPhase.Failed);
    Fixtures.status(run, run.getStatus());
    TestEnvironment.put(
        TestEnvironment.LOGS_BUCKET,
        ns + "/webapp-2/test.log",
        ("go test ./...\nconnecting with " + SECRET + "\nFAIL example.com/webapp 0.4s\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyToolIsListedWithItsArgumentsAndHints() {
    try (McpSession mcp = McpSession.open(base, Identities.admin())) {
      List<McpSchema.Tool> tools = mcp.tools().tools();
      assertThat(tools)
          .extracting(McpSchema.Tool::name)
          .containsExactlyInAnyOrder(
              "list_runs", "get_run", "get_step_log", "explain_failure", "cancel_run", "rerun_run");
      McpSchema.Tool list =
          tools.stream().filter(t -> t.name().equals("list_runs")).findFirst().get();
      assertThat(list.annotations().readOnlyHint()).isTrue();
      assertThat(list.inputSchema())
          .extractingByKey("required")
          .asList()
          .containsExactly("namespace");
      McpSchema.Tool cancel =
          tools.stream().filter(t -> t.name().equals("cancel_run")).findFirst().get();
      assertThat(cancel.annotations().destructiveHint()).isTrue();
    }
  }

  @Test
  void requestsWithoutAnAcceptedTokenAreRefusedWithABearerChallenge() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String initialize =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}";
    for (String token : new String[] {null, "not-a-kubernetes-token"}) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + "mcp"))
              .header("Content-Type", "application/json")
              .header("Accept", "application/json, text/event-stream")
              .POST(HttpRequest.BodyPublishers.ofString(initialize));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(
              challenge ->
                  assertThat(challenge)
                      .startsWith("Bearer realm=\"c8s\"")
                      .contains(
                          token == null ? "no credentials" : "not accepted by the Kubernetes"));
    }
    assertThatThrownBy(() -> McpSession.open(base, "not-a-kubernetes-token"))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void listRunsFiltersByPhaseAndGetRunShowsTheSteps() {
    try (McpSession mcp = McpSession.open(base, Identities.admin())) {
      JsonNode all = mcp.call("list_runs", Map.of("namespace", ns));
      assertThat(all.path("runs").findValuesAsText("name"))
          .containsExactlyInAnyOrder("webapp-1", "webapp-2");
      JsonNode failed = mcp.call("list_runs", Map.of("namespace", ns, "phase", "Failed"));
      assertThat(failed.path("runs").findValuesAsText("name")).containsExactly("webapp-2");
      assertThat(failed.path("runs").get(0).path("commit").asText()).isEqualTo("4f2a9c1e7b");

      JsonNode run = mcp.call("get_run", Map.of("namespace", ns, "name", "webapp-2"));
      assertThat(run.path("run").path("phase").asText()).isEqualTo("Failed");
      assertThat(run.path("steps").findValuesAsText("phase"))
          .containsExactly("Succeeded", "Failed", "Skipped");
      assertThat(run.toString()).doesNotContain("s3://");
    }
  }

  @Test
  void explainFailureNamesTheFailedStepItsExitCodeAndTheMaskedEndOfItsLog() {
    try (McpSession mcp = McpSession.open(base, Identities.admin())) {
      JsonNode why = mcp.call("explain_failure", Map.of("namespace", ns, "run", "webapp-2"));
      assertThat(why.path("summary").asText())
          .contains("step \"test\" exited with code 2")
          .contains("Skipped because of it: deploy");
      JsonNode log = why.path("failedSteps").get(0).path("log");
      assertThat(log.path("source").asText()).isEqualTo("archive");
      assertThat(log.path("lines").toString())
          .contains("connecting with ***", "FAIL example.com/webapp")
          .doesNotContain(SECRET);

      JsonNode tail =
          mcp.call(
              "get_step_log",
              Map.of("namespace", ns, "run", "webapp-2", "step", "test", "tailLines", 1));
      assertThat(tail.path("totalLines").asLong()).isEqualTo(3);
      assertThat(tail.path("lines").get(0).asText()).isEqualTo("FAIL example.com/webapp 0.4s");
    }
  }

  @Test
  void aReadOnlyCallerIsRefusedWhatItsRbacRefusesWithTheRestApisSentence() {
    String reader =
        Identities.withRules(ns, "reader", List.of(rule(List.of("pipelineruns"), "get", "list")));
    try (McpSession mcp = McpSession.open(base, reader)) {
      assertThat(mcp.refused("cancel_run", Map.of("namespace", ns, "name", "webapp-2")))
          .contains(
              "user \"system:serviceaccount:"
                  + ns
                  + ":reader\" cannot update"
                  + " pipelineruns.c8s.dev \"webapp-2\" in namespace \""
                  + ns
                  + "\"");
      assertThat(
              mcp.refused(
                  "get_step_log", Map.of("namespace", ns, "run", "webapp-2", "step", "test")))
          .contains("cannot get pipelineruns.c8s.dev/log");
      JsonNode why = mcp.call("explain_failure", Map.of("namespace", ns, "run", "webapp-2"));
      assertThat(why.path("note").asText()).contains("may not get pipelineruns.c8s.dev/log");
      assertThat(why.path("failedSteps").get(0).has("log")).isFalse();
      assertThat(mcp.refused("list_runs", Map.of("namespace", "kube-system")))
          .contains("cannot list pipelineruns.c8s.dev in namespace \"kube-system\"");
    }
  }

  @Test
  void cancelAndRerunActAsTheCaller() {
    Runs.started(
        ns,
        "webapp-3",
        Fixtures.spec(step("build")),
        Runs.step("build", StepPhase.Running, "webapp-3-build", null));
    try (McpSession mcp = McpSession.open(base, Identities.admin())) {
      mcp.call("cancel_run", Map.of("namespace", ns, "name", "webapp-3"));
      PipelineRun cancelled =
          Fixtures.kube().resources(PipelineRun.class).inNamespace(ns).withName("webapp-3").get();
      assertThat(cancelled.getSpec().getCancelRequested()).isTrue();

      JsonNode rerun = mcp.call("rerun_run", Map.of("namespace", ns, "name", "webapp-1"));
      assertThat(rerun.path("triggeredBy").asText()).isEqualTo(Identities.adminUsername());
      assertThat(rerun.path("name").asText()).isNotEqualTo("webapp-1");
      assertThat(
              mcp.refused(
                  "rerun_run", Map.of("namespace", ns, "name", "webapp-1", "fromFailed", true)))
          .contains("only a failed or cancelled run can be resumed");
    }
  }

  @Test
  void badArgumentsGetMessagesThatSayWhatIsWrong() {
    try (McpSession mcp = McpSession.open(base, Identities.admin())) {
      assertThat(mcp.refused("list_runs", Map.of("namespace", "Team_A")))
          .contains("namespace \"Team_A\" is not a valid namespace name");
      assertThat(mcp.refused("list_runs", Map.of("namespace", ns, "limit", 0)))
          .contains("limit must be between 1 and 100, not 0");
      assertThat(mcp.refused("list_runs", Map.of("namespace", ns, "phase", "Done")))
          .contains("phase must be one of");
      assertThat(mcp.refused("get_run", Map.of("namespace", ns, "name", "nope"))).contains("nope");
      assertThat(
              mcp.refused(
                  "get_step_log", Map.of("namespace", ns, "run", "webapp-2", "step", "lint")))
          .contains("has no step \"lint\"");
    }
  }
}
