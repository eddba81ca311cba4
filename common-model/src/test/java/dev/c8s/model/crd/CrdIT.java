package dev.c8s.model.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import dev.c8s.model.validation.PipelineConfigValidator;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated CRDs installed in a real kube-apiserver accept seed 001 and reject bad objects. */
class CrdIT {
  private static ControlPlane plane;
  private static KubernetesClient client;
  private static String namespace;

  @BeforeAll
  static void startControlPlane() {
    plane = SharedControlPlane.get(false);
    client = plane.client();
    namespace = plane.newNamespace("crd");
  }

  @Test
  void seedExamplesAreAcceptedAndDefaultsApplied() {
    PipelineConfig config = create(PipelineConfig.class, "example-pipelineconfig.yaml");
    assertThat(config.getSpec().getBranches()).containsExactly("main", "develop", "feature/*");
    assertThat(config.getSpec().getSteps().get(1).getTimeout()).isEqualTo("30m");
    assertThat(config.getSpec().getSteps().get(1).getResources()).isNull();
    assertThat(config.getSpec().getSteps().get(0).getConditional()).isNull();

    PipelineRun run = create(PipelineRun.class, "example-pipelinerun.yaml");
    assertThat(run.getSpec().getTriggeredAt()).isEqualTo(Instant.parse("2025-10-12T10:30:00Z"));

    RepositoryConnection connection =
        create(RepositoryConnection.class, "example-repositoryconnection.yaml");
    assertThat(connection.getSpec().getProvider()).isEqualTo(GitProvider.GITHUB);
  }

  @Test
  void samplesShippedInK8sSamplesAreAcceptedAndValid() throws IOException {
    String samplesNamespace = plane.newNamespace("samples");
    Path samples = Path.of("..", "k8s", "samples");
    try (var files = Files.list(samples)) {
      for (Path file : files.sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          for (HasMetadata item : client.load(in).items()) {
            assertThat(client.resource(item).inNamespace(samplesNamespace).create())
                .as(file.toString())
                .isNotNull();
          }
        }
      }
    }
    PipelineConfig config =
        client
            .resources(PipelineConfig.class)
            .inNamespace(samplesNamespace)
            .withName("my-app-ci")
            .get();
    assertThat(new PipelineConfigValidator().validate(config).errors()).isEmpty();
  }

  @Test
  void schemaDefaultsFillOmittedFields() {
    GenericKubernetesResource config =
        generic(
            "PipelineConfig",
            "defaults",
            Map.of(
                "repository",
                "https://github.com/org/app",
                "steps",
                List.of(
                    Map.of(
                        "name",
                        "test",
                        "image",
                        "alpine",
                        "commands",
                        List.of("true"),
                        "resources",
                        Map.of(),
                        "conditional",
                        Map.of()))));
    PipelineConfig created =
        client
            .resources(PipelineConfig.class)
            .inNamespace(namespace)
            .withName(client.resource(config).create().getMetadata().getName())
            .get();
    assertThat(created.getSpec().getBranches()).containsExactly("*");
    assertThat(created.getSpec().getTimeout()).isEqualTo("1h");
    assertThat(created.getSpec().getSteps().get(0).getTimeout()).isEqualTo("30m");
    assertThat(created.getSpec().getSteps().get(0).getResources().getCpu()).isEqualTo("500m");
    assertThat(created.getSpec().getSteps().get(0).getResources().getMemory()).isEqualTo("1Gi");
    assertThat(created.getSpec().getSteps().get(0).getConditional().getOnSuccess()).isTrue();

    GenericKubernetesResource run =
        generic(
            "PipelineRun",
            "defaults-run",
            Map.of("pipelineConfigRef", "defaults", "commit", "abc1234"));
    assertThat(client.resource(run).create().<String>get("spec", "triggeredBy"))
        .isEqualTo("system");
  }

  @Test
  void patternViolationIsRejectedWithTheSchemaMessage() {
    assertRejected(
        generic("PipelineRun", "bad-commit", Map.of("pipelineConfigRef", "x", "commit", "XYZ")),
        "spec.commit",
        "should match '^[a-f0-9]{7,40}$'");
  }

  @Test
  void enumViolationIsRejectedWithTheSupportedValues() {
    assertRejected(
        generic(
            "RepositoryConnection",
            "bad-provider",
            Map.of("repository", "https://gogs.example/org/app", "provider", "gogs")),
        "spec.provider",
        "Unsupported value: \"gogs\"");
  }

  @Test
  void missingRequiredFieldIsRejected() {
    assertRejected(
        generic(
            "PipelineConfig",
            "no-repo",
            Map.of(
                "steps",
                List.of(Map.of("name", "a", "image", "alpine", "commands", List.of("true"))))),
        "spec.repository",
        "Required value");
  }

  @Test
  void emptyStepListIsRejectedByMinItems() {
    assertRejected(
        generic(
            "PipelineConfig",
            "no-steps",
            Map.of("repository", "https://github.com/org/app", "steps", List.of())),
        "spec.steps",
        "should have at least 1 items");
  }

  @Test
  void statusIsWrittenThroughTheStatusSubresourceOnly() {
    PipelineRun run =
        create(
            PipelineRun.class,
            "example-pipelinerun.yaml",
            r -> {
              r.getMetadata().setName("status-run");
              r.setStatus(null);
            });
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(RunPhase.Running);
    StepStatus step = new StepStatus("test", StepPhase.Running);
    step.setJobName("status-run-test");
    status.setSteps(List.of(step));
    Condition condition = new Condition("Succeeded", ConditionStatus.UNKNOWN, "Running", "1 step");
    condition.setLastTransitionTime(Instant.parse("2025-10-12T10:30:05Z"));
    status.setConditions(List.of(condition));

    run.setStatus(status);
    PipelineRun updated = client.resource(run).updateStatus();

    assertThat(updated.getStatus().getPhase()).isEqualTo(RunPhase.Running);
    assertThat(updated.getStatus().getConditions().get(0).getStatus())
        .isEqualTo(ConditionStatus.UNKNOWN);
    assertThat(updated.getMetadata().getGeneration()).isEqualTo(run.getMetadata().getGeneration());
    GenericKubernetesResource raw =
        client
            .genericKubernetesResources("c8s.dev/v1alpha1", "PipelineRun")
            .inNamespace(namespace)
            .withName("status-run")
            .get();
    assertThat(raw.<String>get("status", "conditions", 0, "status")).isEqualTo("Unknown");

    PipelineRun viaMainResource =
        client.resources(PipelineRun.class).inNamespace(namespace).withName("status-run").get();
    viaMainResource.getStatus().setPhase(RunPhase.Failed);
    viaMainResource.getSpec().setBranch("develop");
    PipelineRun afterUpdate = client.resource(viaMainResource).update();
    assertThat(afterUpdate.getStatus().getPhase())
        .as("status changes through the main resource are ignored")
        .isEqualTo(RunPhase.Running);
    assertThat(afterUpdate.getSpec().getBranch()).isEqualTo("develop");
  }

  private static void assertRejected(GenericKubernetesResource object, String field, String text) {
    assertThatThrownBy(() -> client.resource(object).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
        .hasMessageContaining(field)
        .hasMessageContaining(text);
  }

  private static GenericKubernetesResource generic(String kind, String name, Map<String, ?> spec) {
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion("c8s.dev/v1alpha1");
    resource.setKind(kind);
    resource.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .build());
    resource.setAdditionalProperty("spec", spec);
    return resource;
  }

  private static <T extends HasMetadata> T create(Class<T> type, String seedExample) {
    return create(type, seedExample, r -> {});
  }

  private static <T extends HasMetadata> T create(
      Class<T> type, String seedExample, Consumer<T> change) {
    try (InputStream in = CrdIT.class.getResourceAsStream("/seed-001/" + seedExample)) {
      T object = client.getKubernetesSerialization().unmarshal(in, type);
      object.getMetadata().setNamespace(namespace);
      change.accept(object);
      return client.resource(object).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
