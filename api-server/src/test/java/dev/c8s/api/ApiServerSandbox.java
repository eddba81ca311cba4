package dev.c8s.api;

import static org.awaitility.Awaitility.await;

import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.Archives;
import dev.c8s.api.testing.Fixtures;
import dev.c8s.api.testing.Identities;
import dev.c8s.api.testing.Runs;
import dev.c8s.api.testing.TestEnvironment;
import dev.c8s.model.v1alpha1.StepPhase;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runnable sandbox (not a test): a wired api-server kept up for tools like schemathesis. */
@QuarkusTest
@WithTestResource(ApiServerResources.Production.class)
class ApiServerSandbox {
  // Writes target/sandbox.env (C8S_URL, C8S_NAMESPACE, C8S_TOKEN) and serves until
  // target/sandbox.stop exists or 30 minutes pass:
  //   ./mvnw -B -o verify -pl api-server -Dit.test=ApiServerSandbox -Dtest=none \
  //     -Dsurefire.failIfNoSpecifiedTests=false &
  //   . api-server/target/sandbox.env
  //   schemathesis run "$C8S_URL/q/openapi?format=json" -H "Authorization: Bearer $C8S_TOKEN"
  //   touch api-server/target/sandbox.stop

  @TestHTTPResource("/")
  URL base;

  @Test
  void serve() throws Exception {
    // The namespace and names of the document's examples, so that example requests find data.
    String ns = "team-a";
    if (Fixtures.kube().namespaces().withName(ns).get() == null) {
      Fixtures.kube()
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
    }
    var spec = Fixtures.spec(Fixtures.step("test"), Fixtures.step("build"));
    spec.setMatrix(Fixtures.matrix(Map.of("go", List.of("1.21", "1.22"))));
    Fixtures.config(ns, "webapp", spec);
    Runs.started(
        ns,
        "webapp-x7k2p",
        Fixtures.spec(Fixtures.step("test"), Fixtures.step("build")),
        Runs.step("test", StepPhase.Succeeded, "webapp-x7k2p-test", null),
        Runs.step("build", StepPhase.Running, "webapp-x7k2p-build", null));
    TestEnvironment.put(
        TestEnvironment.ARTIFACTS_BUCKET,
        ns + "/webapp-x7k2p/build/artifacts.tar.gz",
        Archives.tarGz(Map.of("dist/app", "binary".getBytes(StandardCharsets.UTF_8))));
    Path target = Path.of("target");
    Path stop = target.resolve("sandbox.stop");
    Files.deleteIfExists(stop);
    Files.writeString(
        target.resolve("sandbox.env"),
        "C8S_URL="
            + base.toString().replaceAll("/$", "")
            + "\n"
            + "C8S_NAMESPACE="
            + ns
            + "\n"
            + "C8S_TOKEN="
            + Identities.admin()
            + "\n");
    await("stop file " + stop.toAbsolutePath())
        .atMost(Duration.ofMinutes(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> Files.exists(stop));
  }
}
