package dev.c8s.api.testing;

import dev.c8s.model.v1alpha1.Matrix;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepSecret;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/** Objects for the tests, created directly in Kubernetes where the API is not under test. */
public final class Fixtures {
  private Fixtures() {}

  /** The admin client of the control plane. */
  public static KubernetesClient kube() {
    return TestEnvironment.controlPlane().client();
  }

  /** A fresh namespace for one test. */
  public static String namespace(String prefix) {
    return TestEnvironment.controlPlane().newNamespace(prefix);
  }

  /** A one-step step. */
  public static Step step(String name, StepSecret... secrets) {
    Step step = new Step();
    step.setName(name);
    step.setImage("alpine:3.20");
    step.setCommands(List.of("echo " + name));
    step.setSecrets(secrets.length == 0 ? null : List.of(secrets));
    return step;
  }

  /** A valid PipelineConfig spec with these steps. */
  public static PipelineConfigSpec spec(Step... steps) {
    PipelineConfigSpec spec = new PipelineConfigSpec();
    spec.setRepository("https://github.com/example/webapp.git");
    spec.setSteps(List.of(steps));
    return spec;
  }

  /** Creates a PipelineConfig directly in Kubernetes. */
  public static PipelineConfig config(String namespace, String name, PipelineConfigSpec spec) {
    PipelineConfig config = new PipelineConfig();
    config.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    config.setSpec(spec);
    return kube().resource(config).create();
  }

  /** A matrix of {@code dimensions} without excludes. */
  public static Matrix matrix(Map<String, List<String>> dimensions) {
    Matrix matrix = new Matrix();
    matrix.setDimensions(dimensions);
    return matrix;
  }

  /** Creates a run directly in Kubernetes, labelled as the API and webhook label theirs. */
  public static PipelineRun run(
      String namespace, String name, String config, String branch, RunPhase phase) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels("c8s.dev/pipeline-config", config)
            .build());
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setPipelineConfigRef(config);
    spec.setCommit("4f2a9c1e7b");
    spec.setBranch(branch);
    run.setSpec(spec);
    PipelineRun created = kube().resource(run).create();
    if (phase == null) {
      return created;
    }
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(phase);
    created.setStatus(status);
    return kube().resource(created).updateStatus();
  }

  /** Writes {@code status} to the run, as the controller does. */
  public static PipelineRun status(PipelineRun run, PipelineRunStatus status) {
    PipelineRun current =
        kube()
            .resources(PipelineRun.class)
            .inNamespace(run.getMetadata().getNamespace())
            .withName(run.getMetadata().getName())
            .get();
    current.setStatus(status);
    return kube().resource(current).updateStatus();
  }

  /** A reference to {@code key} of Secret {@code name}. */
  public static StepSecret secretRef(String name, String key) {
    return new StepSecret(name, key, null);
  }

  /** Creates Secret {@code name} holding {@code key}: {@code value}. */
  public static void secret(String namespace, String name, String key, String value) {
    kube()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .addToStringData(key, value)
                .build())
        .create();
  }
}
