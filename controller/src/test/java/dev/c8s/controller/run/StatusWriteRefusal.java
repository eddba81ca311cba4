package dev.c8s.controller.run;

import static org.awaitility.Awaitility.await;

import dev.c8s.model.v1alpha1.PipelineRun;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A ValidatingAdmissionPolicy that makes the API server refuse a labelled run's finish, as an
 * admission webhook or quota of a real cluster may: the controller's write fails, not the test's.
 */
final class StatusWriteRefusal implements AutoCloseable {
  /** Runs with this label cannot be written with a terminal phase. */
  static final String LABEL = "test.c8s.dev/refuse-finish";

  /** The refusal's message. */
  static final String MESSAGE = "finishing this run is refused by the test";

  private static final String PROBE_LABEL = "test.c8s.dev/refusal-probe";

  private final KubernetesClient client;
  private final List<HasMetadata> objects;

  private StatusWriteRefusal(KubernetesClient client, List<HasMetadata> objects) {
    this.client = client;
    this.objects = objects;
  }

  /** Installs the policy for {@code namespace} and returns once the API server enforces it. */
  static StatusWriteRefusal install(KubernetesClient client, String namespace) {
    String name = "refuse-finish-" + namespace;
    String yaml =
        """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: %1$s}
        spec:
          failurePolicy: Fail
          matchConstraints:
            namespaceSelector:
              matchLabels: {kubernetes.io/metadata.name: %2$s}
            resourceRules:
            - apiGroups: [c8s.dev]
              apiVersions: ["*"]
              operations: [CREATE, UPDATE]
              resources: [pipelineruns, pipelineruns/status]
          validations:
          - expression: >-
              !has(object.metadata.labels) || !('%3$s' in object.metadata.labels)
              || !has(object.status) || !has(object.status.phase)
              || !(object.status.phase in ['Succeeded', 'Failed', 'Cancelled'])
            message: %4$s
          - expression: "!has(object.metadata.labels) || !('%5$s' in object.metadata.labels)"
            message: refusal probe
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: %1$s}
        spec:
          policyName: %1$s
          validationActions: [Deny]
        """
            .formatted(name, namespace, LABEL, MESSAGE, PROBE_LABEL);
    List<HasMetadata> objects =
        client.load(new java.io.ByteArrayInputStream(yaml.getBytes())).items();
    objects.forEach(o -> client.resource(o).create());
    StatusWriteRefusal refusal = new StatusWriteRefusal(client, objects);
    // The API server picks policies up from its own informer: wait until a probe is refused.
    PipelineRun probe = Runs.run(namespace, "refusal-probe", "none", "main");
    probe.getMetadata().setLabels(Map.of(PROBE_LABEL, "true"));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> refused(client, probe));
    return refusal;
  }

  private static boolean refused(KubernetesClient client, PipelineRun probe) {
    try {
      client.resource(probe).dryRun().create();
      return false;
    } catch (KubernetesClientException e) {
      return e.getCode() == 422 || e.getCode() == 403 || e.getMessage().contains("refusal probe");
    }
  }

  @Override
  public void close() {
    objects.forEach(o -> client.resource(o).delete());
  }
}
