package dev.c8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryUrls;
import dev.c8s.testing.SharedControlPlane;
import dev.c8s.webhook.ControlPlaneResource;
import dev.c8s.webhook.Deliveries;
import dev.c8s.webhook.Signer;
import dev.c8s.webhook.connection.ConnectionIndex;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's quick-start push, sent as documented, starts a run of the committed samples. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class ReadmeQuickStartIT {
  private static final Path ROOT = Path.of("..");

  private final KubernetesClient client = ControlPlaneResource.admin();
  @Inject ConnectionIndex index;

  @Test
  void documentedTestPushWithTheSampleSecretStartsARunOfTheSamplePipeline() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String secret = shellValue(readme, "SECRET=(\\S+)");
    String body = shellValue(readme, "BODY='([^']+)'");
    String ns = SharedControlPlane.get(false).newNamespace("quickstart");
    apply(ns, "k8s/samples/pipelineconfig.yaml");
    apply(ns, "k8s/samples/repositoryconnection.yaml");
    String repository = RepositoryUrls.normalize("https://github.com/org/my-app");
    await()
        .until(
            () ->
                index.find(List.of(repository)).stream()
                    .anyMatch(c -> ns.equals(c.getMetadata().getNamespace())));

    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Response response =
        Deliveries.github(
            bytes, Signer.sha256(secret, bytes), "push", UUID.randomUUID().toString());

    response.then().statusCode(201);
    List<PipelineRun> runs =
        response.jsonPath().getList("runs.findAll { it.namespace == '" + ns + "' }.name").stream()
            .map(
                name ->
                    client
                        .resources(PipelineRun.class)
                        .inNamespace(ns)
                        .withName((String) name)
                        .get())
            .toList();
    assertThat(runs).isNotEmpty();
    assertThat(runs)
        .allSatisfy(
            run -> {
              assertThat(run.getSpec().getPipelineConfigRef()).isEqualTo("my-app-ci");
              assertThat(run.getSpec().getBranch()).isEqualTo("main");
              assertThat(run.getSpec().getCommit())
                  .isEqualTo("0123456789abcdef0123456789abcdef01234567");
            });
  }

  private void apply(String namespace, String file) throws IOException {
    try (InputStream yaml = Files.newInputStream(ROOT.resolve(file))) {
      client.load(yaml).inNamespace(namespace).create();
    }
  }

  private static String shellValue(String readme, String pattern) {
    Matcher m = Pattern.compile(pattern).matcher(readme);
    assertThat(m.find()).as("README holds " + pattern).isTrue();
    return m.group(1);
  }
}
