package dev.c8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.Matrix;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.testing.SharedControlPlane;
import dev.c8s.webhook.Cluster;
import dev.c8s.webhook.ControlPlaneResource;
import dev.c8s.webhook.Deliveries;
import dev.c8s.webhook.Fixture;
import dev.c8s.webhook.Signer;
import dev.c8s.webhook.connection.ConnectionIndex;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A PipelineConfig's branch filters decide whether a push runs; its matrix how many runs. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class BranchesAndMatrixIT {
  private final KubernetesClient client = ControlPlaneResource.admin();
  @Inject ConnectionIndex index;
  private Cluster cluster;
  private String ns;
  private String secret;

  @BeforeEach
  void namespace() {
    cluster = new Cluster(client, index);
    ns = SharedControlPlane.get(false).newNamespace("branches");
    secret = "s3cret-" + UUID.randomUUID();
    cluster.webhookSecret(ns, "hook", secret);
  }

  private void connect(String configRef) {
    cluster.connection(
        ns, "app", "https://github.com/c8s-it/" + ns, GitProvider.GITHUB, "hook", configRef);
  }

  private Response push(String branch) {
    byte[] body =
        Fixture.of("github-push.json")
            .replace("Codertocat/Hello-World", "c8s-it/" + ns)
            .set("/ref", "refs/heads/" + branch)
            .bytes();
    return Deliveries.github(
        body, Signer.sha256(secret, body), "push", UUID.randomUUID().toString());
  }

  @Test
  void onlyBranchesMatchingTheConfigsGlobsStartRuns() {
    cluster.config(
        ns,
        "app-ci",
        "https://github.com/c8s-it/" + ns,
        spec -> spec.setBranches(List.of("main", "release/*")));
    connect("app-ci");

    push("feature/login")
        .then()
        .statusCode(202)
        .body("runs", empty())
        .body(
            "reason",
            equalTo(
                "branch feature/login does not match spec.branches of PipelineConfig "
                    + ns
                    + "/app-ci"));
    push("release/2.0/rc1").then().statusCode(201).body("runs.size()", equalTo(1));
    push("main").then().statusCode(201);

    assertThat(cluster.runs(ns))
        .extracting(r -> r.getSpec().getBranch())
        .containsExactlyInAnyOrder("release/2.0/rc1", "main");
  }

  @Test
  void matrixFansOutIntoOneRunPerCombinationMinusExcludes() {
    Matrix matrix = new Matrix();
    matrix.setDimensions(
        new java.util.LinkedHashMap<>(
            Map.of("go", List.of("1.21", "1.22"), "os", List.of("linux", "darwin"))));
    matrix.setExclude(List.of(Map.of("go", "1.21", "os", "darwin")));
    cluster.config(ns, "matrix-ci", "https://github.com/c8s-it/" + ns, s -> s.setMatrix(matrix));
    connect("matrix-ci");

    Response answer = push("main");
    answer.then().statusCode(201).body("runs.size()", equalTo(3));
    List<Map<String, String>> answered = answer.path("runs.matrix");
    assertThat(answered)
        .containsExactlyInAnyOrder(
            Map.of("go", "1.21", "os", "linux"),
            Map.of("go", "1.22", "os", "linux"),
            Map.of("go", "1.22", "os", "darwin"));
    List<PipelineRun> runs = cluster.runs(ns);
    assertThat(runs)
        .extracting(r -> r.getSpec().getMatrixIndex())
        .containsExactlyInAnyOrderElementsOf(answered);
    assertThat(runs).extracting(r -> r.getSpec().getPipelineConfigRef()).containsOnly("matrix-ci");
  }

  @Test
  void twoConnectionsOfOneNamespaceStartTheirSharedConfigOnce() {
    cluster.config(ns, "app-ci", "https://github.com/c8s-it/" + ns, spec -> {});
    connect("app-ci");
    cluster.connection(
        ns, "app-ssh", "ssh://git@github.com/c8s-it/" + ns, GitProvider.GITHUB, "hook", "app-ci");
    push("main").then().statusCode(201).body("runs.size()", equalTo(1));
    assertThat(cluster.runs(ns)).hasSize(1);
  }

  @Test
  void missingPipelineConfigOrNoneNamedStartsNothingAndSaysWhy() {
    connect("does-not-exist");
    push("main")
        .then()
        .statusCode(202)
        .body("reason", containsString("PipelineConfig " + ns + "/does-not-exist does not exist"));
    assertThat(cluster.runs(ns)).isEmpty();
  }
}
