package dev.c8s.webhook.admission;

import static dev.c8s.webhook.admission.AdmissionReviews.post;
import static dev.c8s.webhook.admission.AdmissionReviews.review;
import static dev.c8s.webhook.admission.AdmissionReviews.seed;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.testing.SharedControlPlane;
import dev.c8s.webhook.ControlPlaneResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PipelineRun and RepositoryConnection admission against what exists in the namespace. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class RunAndConnectionAdmissionIT {
  private final KubernetesClient client = ControlPlaneResource.admin();
  private String ns;

  @BeforeEach
  void namespace() {
    ns = SharedControlPlane.get(false).newNamespace("admit");
  }

  private void secret(String name, Map<String, String> data) {
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withStringData(data)
                .build())
        .create();
  }

  private void seedPipelineConfig() {
    secret("registry-credentials", Map.of("config.json", "{}"));
    client
        .resource(
            client
                .getKubernetesSerialization()
                .convertValue(seed("example-pipelineconfig.yaml", ns), PipelineConfig.class))
        .create();
  }

  @Test
  void runOfAMissingPipelineConfigIsDeniedAndTheSeedRunAllowedOnceItExists() {
    ObjectNode run = seed("example-pipelinerun.yaml", ns);
    post(review("CREATE", ns, run, null))
        .body("response.allowed", equalTo(false))
        .body("response.status.code", equalTo(422))
        .body(
            "response.status.message",
            containsString(
                "spec.pipelineConfigRef: PipelineConfig \"my-app-ci\" does not exist in namespace"));
    seedPipelineConfig();
    post(review("CREATE", ns, run, null))
        .body("response.allowed", equalTo(true))
        .body("response.status", nullValue());
  }

  @Test
  void finishedRunCannotChangeButMayBeDeleted() {
    ObjectNode finished = seed("example-pipelinerun.yaml", ns);
    ((ObjectNode) finished.path("status")).put("phase", "Succeeded");
    ObjectNode changed = finished.deepCopy();
    ((ObjectNode) changed.path("status")).put("phase", "Failed");
    ((ObjectNode) changed.path("spec")).put("commit", "fedcba9876543");

    post(review("UPDATE", ns, changed, finished))
        .body("response.allowed", equalTo(false))
        .body(
            "response.status.message",
            allOf(
                containsString("spec.commit: the run finished as Succeeded, so spec.commit can no"),
                containsString("status.phase: the run finished as Succeeded")));
    post(review("DELETE", ns, null, finished)).body("response.allowed", equalTo(true));
  }

  @Test
  void runningRunMayMoveOnButNotBackwards() {
    ObjectNode running = seed("example-pipelinerun.yaml", ns);
    ObjectNode done = running.deepCopy();
    ((ObjectNode) done.path("status")).put("phase", "Succeeded");
    ObjectNode back = running.deepCopy();
    ((ObjectNode) back.path("status")).put("phase", "Pending");
    post(review("UPDATE", ns, done, running)).body("response.allowed", equalTo(true));
    post(review("UPDATE", ns, back, running))
        .body("response.allowed", equalTo(false))
        .body(
            "response.status.message", containsString("status.phase: status.phase cannot change"));
  }

  @Test
  void connectionNeedsItsWebhookSecretAndPipelineConfig() {
    ObjectNode connection = seed("example-repositoryconnection.yaml", ns);
    post(review("CREATE", ns, connection, null))
        .body("response.allowed", equalTo(false))
        .body(
            "response.status.message",
            allOf(
                containsString("spec.webhookSecretRef: Secret \"my-app-webhook-secret\" does not"),
                containsString("spec.authSecretRef: Secret \"github-access-token\" does not"),
                containsString("spec.pipelineConfigRef: PipelineConfig \"my-app-ci\" does not")));

    secret("my-app-webhook-secret", Map.of("webhook-secret", "s"));
    secret("github-access-token", Map.of("username", "x", "password", "y"));
    seedPipelineConfig();
    post(review("CREATE", ns, connection, null))
        .body("response.allowed", equalTo(true))
        .body("response.warnings", nullValue());
  }

  @Test
  void unknownProviderIsDeniedWithTheAllowedValues() {
    ObjectNode connection = seed("example-repositoryconnection.yaml", ns);
    ((ObjectNode) connection.path("spec")).put("provider", "svn");
    post(review("CREATE", ns, connection, null))
        .body("response.allowed", equalTo(false))
        .body("response.status.code", equalTo(422))
        .body(
            "response.status.message",
            equalTo("spec.provider: value \"svn\" is not one of github, gitlab, bitbucket, gitea"));
  }
}
