package dev.c8s.e2e.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's first command, {@code scripts/local-cluster.sh}, driven as a user drives it: up (the
 * node, the chart, the demo run to Succeeded, the URLs), the API answering a user's token, down
 * keeping the data, up again with the run history and its logs still there, down deleting them; and
 * a prerequisite missing fails fast with the fix. One lifecycle, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterE2E {
  private static final Pattern DEMO_RUN = Pattern.compile("Demo run: (\\S+)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Path state;
  private static LocalClusterScript script;
  private static String firstRun;

  @BeforeAll
  static void chooseStateAndPorts() throws IOException {
    state = Files.createTempDirectory("c8s-local");
    script = new LocalClusterScript(state, freePort(), freePort());
  }

  @AfterAll
  static void downWhateverIsLeft() {
    if (script != null) {
      script.run(5, "down");
    }
  }

  @Test
  @Order(1)
  void aTakenPortFailsFastNamingTheVariableThatMovesIt() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      LocalClusterScript blocked =
          new LocalClusterScript(
              Files.createTempDirectory("c8s-local-blocked"), taken.getLocalPort(), freePort());

      LocalClusterScript.Result result = blocked.run(1, "up", "--no-build");

      assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
      assertThat(result.output())
          .contains("port " + taken.getLocalPort() + " (the Kubernetes API) is taken")
          .contains("C8S_API_PORT=");
    }
  }

  @Test
  @Order(2)
  void upBringsC8sUpRunsTheDemoToSucceededAndPrintsTheUrls() throws Exception {
    LocalClusterScript.Result up = script.run(15, "up", "--no-build");

    assertThat(up.exitCode()).as(up.output()).isZero();
    assertThat(up.output())
        .containsSubsequence(
            "INITIAL",
            "CLUSTER_CREATING",
            "CLUSTER_READY",
            "RELEASE_INSTALLING",
            "RELEASE_ACTIVE",
            "POD_READY",
            "HEALTHY",
            "PUSH_SENT",
            "RUN_Succeeded",
            "READY",
            "c8s is up");
    firstRun = demoRun(script.urls());
    try (KubernetesClient admin = admin()) {
      PipelineRun run =
          admin.resources(PipelineRun.class).inNamespace("demo").withName(firstRun).get();
      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
    }
    assertThat(get(script.url("Swagger UI") + "/", null).statusCode()).isEqualTo(200);
    assertThat(script.run(1, "status").output()).contains("running").contains(firstRun);
    assertThat(script.run(1, "up", "--no-build").output()).contains("already running");
  }

  @Test
  @Order(3)
  void theApiAnswersTheDemoUsersTokenWithTheRunAndItsLog() throws Exception {
    String api = script.url("API");
    String token = demoUserToken();

    HttpResponse<String> runs = get(api, token);
    HttpResponse<String> log = get(api + "/" + firstRun + "/steps/build/logs", token);

    assertThat(runs.statusCode()).as(runs.body()).isEqualTo(200);
    assertThat(runs.body()).contains(firstRun);
    assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
    assertThat(log.body()).contains("built ").contains(" of main");
    assertThat(get(api, null).statusCode()).isEqualTo(401);
  }

  @Test
  @Order(4)
  void downWithKeepDataThenUpKeepsTheRunHistoryAndItsLogs() throws Exception {
    LocalClusterScript.Result down = script.run(5, "down", "--keep-data");
    assertThat(down.exitCode()).as(down.output()).isZero();
    assertThat(down.output()).contains("kept");
    assertThat(bridgeExists()).as("the node's bridge after down").isFalse();

    LocalClusterScript.Result up = script.run(15, "up", "--no-build");

    assertThat(up.exitCode()).as(up.output()).isZero();
    assertThat(up.output()).contains("kept data found").contains("on the kept data");
    String secondRun = demoRun(script.urls());
    assertThat(secondRun).isNotEqualTo(firstRun);
    String api = script.url("API");
    String token = demoUserToken();
    assertThat(get(api, token).body()).contains(firstRun).contains(secondRun);
    HttpResponse<String> oldLog = get(api + "/" + firstRun + "/steps/build/logs", token);
    assertThat(oldLog.statusCode()).as(oldLog.body()).isEqualTo(200);
    assertThat(oldLog.body()).contains("built ");
  }

  @Test
  @Order(5)
  void downWithoutKeepDataDeletesTheDataAndRestoresTheHost() {
    LocalClusterScript.Result down = script.run(5, "down");

    assertThat(down.exitCode()).as(down.output()).isZero();
    assertThat(down.output()).contains("deleted the run history");
    assertThat(state.resolve("data")).doesNotExist();
    assertThat(bridgeExists()).isFalse();
    assertThat(script.run(1, "status").output()).contains("not running");
  }

  private static String demoRun(String urls) {
    Matcher m = DEMO_RUN.matcher(urls);
    assertThat(m.find()).as(urls).isTrue();
    return m.group(1);
  }

  private static KubernetesClient admin() throws IOException {
    String kubeconfig = Files.readString(state.resolve("kubeconfig"));
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
  }

  private static String demoUserToken() throws IOException {
    try (KubernetesClient admin = admin()) {
      return admin
          .serviceAccounts()
          .inNamespace("demo")
          .withName("demo-user")
          .tokenRequest(
              new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build())
          .getStatus()
          .getToken();
    }
  }

  private static HttpResponse<String> get(String url, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static boolean bridgeExists() {
    return Files.exists(Path.of("/sys/class/net/c8s0"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
