package dev.c8s.api.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.CliRunner;
import dev.c8s.api.testing.CliRunner.Result;
import dev.c8s.api.testing.Fixtures;
import dev.c8s.api.testing.Identities;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code c8s runs | trigger | cancel | rerun} against the real api-server and kube-apiserver, with
 * credentials from real kubeconfig files holding ServiceAccount tokens.
 */
@QuarkusTest
@WithTestResource(ApiServerResources.class)
class CliRunsIT {
  @TestHTTPResource("/")
  URL base;

  @TempDir Path dir;
  private String ns;
  private String server;
  private String admin;

  @BeforeEach
  void namespace() {
    ns = Fixtures.namespace("cli");
    server = base.toString();
    admin = Identities.admin();
  }

  private Result c8s(String... args) {
    return CliRunner.run(Map.of(), List.of(admin), args);
  }

  /** The arguments that point the CLI at the server with a kubeconfig of the admin's token. */
  private List<String> connected(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--server=" + server);
    all.add("--kubeconfig=" + CliRunner.tokenKubeconfig(dir, admin, ns));
    return all;
  }

  private Result c8sConnected(String... args) {
    return c8s(connected(args).toArray(String[]::new));
  }

  @Test
  void runsListsTheContextNamespacesRunsAsATable() {
    Fixtures.run(ns, "webapp-aaaaa", "webapp", "main", RunPhase.Succeeded);
    Fixtures.run(ns, "webapp-bbbbb", "webapp", "feature/x", RunPhase.Running);
    Fixtures.run(ns, "api-ccccc", "api", "main", null);

    // no -n: the namespace comes from the kubeconfig's context
    Result result = c8sConnected("runs");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(0)).startsWith("NAME").contains("PIPELINE", "BRANCH", "COMMIT", "PHASE");
    assertThat(lines.get(0)).doesNotContain("\u001b["); // not a terminal: no colours
    assertThat(result.out())
        .containsPattern("webapp-aaaaa +webapp +main +4f2a9c1 +Succeeded")
        .containsPattern("webapp-bbbbb +webapp +feature/x +4f2a9c1 +Running")
        .containsPattern("api-ccccc +api +main +4f2a9c1 +Pending");
  }

  @Test
  void runsFiltersAndPrintsTheItemsAsJsonOrYaml() throws IOException {
    for (int i = 0; i < 9; i++) {
      Fixtures.run(ns, "web-" + i, "webapp", i % 2 == 0 ? "main" : "dev", RunPhase.Running);
    }
    Fixtures.run(ns, "api-0", "api", "main", RunPhase.Running);

    Result json =
        c8sConnected("runs", "--pipeline=webapp", "--branch=main", "--phase=running", "-o", "json");
    Result limited = c8sConnected("runs", "--pipeline=webapp", "--limit=3", "-o", "yaml");

    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode items = new ObjectMapper().readTree(json.out());
    List<String> names = new ArrayList<>();
    items.forEach(i -> names.add(i.path("metadata").path("name").asText()));
    assertThat(names).containsExactly("web-0", "web-2", "web-4", "web-6", "web-8");
    assertThat(items.get(0).path("spec").path("commit").asText()).isEqualTo("4f2a9c1e7b");
    assertThat(limited.exitCode()).isZero();
    assertThat(limited.out().lines().filter(l -> l.startsWith("- apiVersion:"))).hasSize(3);
  }

  @Test
  void triggerWithAnExecPluginsTokenPrintsTheCreatedRun() {
    PipelineConfigSpec spec = Fixtures.spec(Fixtures.step("test"));
    spec.setMatrix(Fixtures.matrix(Map.of("go", List.of("1.21", "1.22"))));
    Fixtures.config(ns, "webapp", spec);

    Result result =
        c8s(
            "trigger",
            "webapp",
            "--commit=4f2a9c1e7b",
            "--branch=main",
            "--matrix=go=1.22",
            "--server=" + server,
            "--kubeconfig=" + CliRunner.execKubeconfig(dir, admin, ns));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String name = result.out().strip();
    assertThat(name).matches("webapp-[a-z0-9]{5}");
    PipelineRun run =
        Fixtures.kube().resources(PipelineRun.class).inNamespace(ns).withName(name).get();
    assertThat(run.getSpec().getMatrixIndex()).isEqualTo(Map.of("go", "1.22"));
    assertThat(run.getSpec().getBranch()).isEqualTo("main");
    assertThat(run.getSpec().getTriggeredBy()).isEqualTo(Identities.adminUsername());
  }

  @Test
  void anInvalidTriggerShowsTheApisFieldErrors() {
    Fixtures.config(ns, "webapp", Fixtures.spec(Fixtures.step("test")));

    Result result = c8sConnected("trigger", "webapp", "--commit=not-a-sha");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: ").contains("(HTTP 422)").contains("  commit: ");
  }

  @Test
  void triggerWaitsForItsRunAndExitsByItsPhase() {
    Fixtures.config(ns, "webapp", Fixtures.spec(Fixtures.step("test")));

    CompletableFuture<Result> waiting =
        CompletableFuture.supplyAsync(
            () -> c8sConnected("trigger", "webapp", "--commit=4f2a9c1e7b", "--wait"));
    PipelineRun run =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    Fixtures.kube().resources(PipelineRun.class).inNamespace(ns).list().getItems(),
                runs -> runs.size() == 1)
            .get(0);
    PipelineRunStatus failed = new PipelineRunStatus();
    failed.setPhase(RunPhase.Failed);
    Fixtures.status(run, failed);

    Result result =
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting.getNow(null), r -> r != null);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out().strip()).isEqualTo(run.getMetadata().getName());
    assertThat(result.err()).contains(run.getMetadata().getName() + " Failed");
  }

  @Test
  void cancelAsksForCancellationAndAnEndedRunIsRefusedWithTheApisReason() {
    Fixtures.run(ns, "going", "webapp", "main", RunPhase.Running);
    Fixtures.run(ns, "done", "webapp", "main", RunPhase.Succeeded);

    Result going = c8sConnected("cancel", "going");
    Result done = c8sConnected("cancel", "done");

    assertThat(going.exitCode()).as(going.toString()).isZero();
    assertThat(going.out()).contains("going: cancellation requested");
    assertThat(
            Fixtures.kube()
                .resources(PipelineRun.class)
                .inNamespace(ns)
                .withName("going")
                .get()
                .getSpec()
                .getCancelRequested())
        .isTrue();
    assertThat(done.exitCode()).isEqualTo(1);
    assertThat(done.err())
        .startsWith("error: ")
        .contains("has already ended (Succeeded)")
        .contains("(HTTP 409)");
  }

  @Test
  void rerunPrintsTheNewRunAndFromFailedOfASucceededRunIsRefusedWithTheApisMessage() {
    Fixtures.config(ns, "webapp", Fixtures.spec(Fixtures.step("test")));
    Fixtures.run(ns, "webapp-first", "webapp", "main", RunPhase.Succeeded);

    Result rerun = c8sConnected("rerun", "webapp-first");
    Result resume = c8sConnected("rerun", "webapp-first", "--from-failed");

    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    String name = rerun.out().strip();
    assertThat(
            Fixtures.kube()
                .resources(PipelineRun.class)
                .inNamespace(ns)
                .withName(name)
                .get()
                .getMetadata()
                .getAnnotations())
        .containsEntry("c8s.dev/rerun-of", "webapp-first");
    assertThat(resume.exitCode()).isEqualTo(1);
    assertThat(resume.err())
        .isEqualTo(
            "error: run \"webapp-first\" is Succeeded; only a failed or cancelled run can be"
                + " resumed from its failed steps (rerun it without from=failed to run it all"
                + " again) (HTTP 409)\n");
  }

  @Test
  void aTokenWithoutRbacIsRefusedNamingTheMissingPermission() {
    String nobody = Identities.withRules(ns, "nobody", List.of());

    Result result =
        CliRunner.run(
            Map.of("C8S_SERVER", server, "C8S_TOKEN", nobody), List.of(nobody), "runs", "-n", ns);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "error: user \"system:serviceaccount:"
                + ns
                + ":nobody\" cannot list pipelineruns.c8s.dev in namespace \""
                + ns
                + "\" (HTTP 403)\n");
  }

  @Test
  void anUnacceptedTokenSaysSoAndHowToGetANewOne() {
    Result result = c8s("runs", "--server=" + server, "--token=not-a-token", "-n", ns);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("(HTTP 401)").contains("the token was not accepted");
  }

  @Test
  void withoutServerTheErrorSaysHowToSetOne() {
    Result result = c8s("runs", "--token=x");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("error: no c8s API server given: pass --server URL or set C8S_SERVER")
        .contains("port-forward svc/c8s-api-server 8080:8080");
  }

  @Test
  void anUnreachableServerIsNamed() {
    Result result = c8s("runs", "--server=http://127.0.0.1:9", "--token=x");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("error: cannot reach the c8s API server at http://127.0.0.1:9 (");
  }

  @Test
  void aBrokenKubeconfigOrOneWithoutBearerTokenIsAClearError() throws IOException {
    Path broken = Files.writeString(dir.resolve("broken"), "users: [unclosed\n");

    Result notYaml = c8s("runs", "--server=" + server, "--kubeconfig=" + broken);
    Result certificate =
        c8s("runs", "--server=" + server, "--kubeconfig=" + CliRunner.certificateKubeconfig(dir));
    Result missing = c8s("runs", "--server=" + server, "--kubeconfig=" + dir.resolve("none"));

    assertThat(notYaml.exitCode()).isEqualTo(2);
    assertThat(notYaml.err()).startsWith("error: kubeconfig " + broken + " is not valid YAML");
    assertThat(certificate.exitCode()).isEqualTo(2);
    assertThat(certificate.err())
        .contains("authenticates with a client certificate only")
        .contains("C8S_TOKEN=$(kubectl create token");
    assertThat(missing.err()).contains("does not exist");
  }
}
