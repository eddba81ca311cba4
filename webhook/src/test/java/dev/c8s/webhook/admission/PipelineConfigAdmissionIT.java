package dev.c8s.webhook.admission;

import static dev.c8s.webhook.admission.AdmissionReviews.object;
import static dev.c8s.webhook.admission.AdmissionReviews.post;
import static dev.c8s.webhook.admission.AdmissionReviews.review;
import static dev.c8s.webhook.admission.AdmissionReviews.seed;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.c8s.testing.SharedControlPlane;
import dev.c8s.webhook.ControlPlaneResource;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PipelineConfig admission: the common rules, the cluster's Secrets and quotas, all at once. */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class PipelineConfigAdmissionIT {
  private final KubernetesClient client = ControlPlaneResource.admin();
  private String ns;

  @BeforeEach
  void namespaceWithTheSeedQuota() {
    ns = SharedControlPlane.get(false).newNamespace("admit-pc");
    ResourceQuota quota =
        client
            .getKubernetesSerialization()
            .convertValue(seed("example-resourcequota.yaml", ns), ResourceQuota.class);
    client.resource(quota).create();
  }

  private void registryCredentials() {
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("registry-credentials")
                .endMetadata()
                .withStringData(Map.of("config.json", "{}"))
                .build())
        .create();
  }

  @Test
  void seedExampleIsAllowedWithTheTimeoutSumWarning() {
    registryCredentials();
    post(review("CREATE", ns, seed("example-pipelineconfig.yaml", ns), null))
        .body("response.allowed", equalTo(true))
        .body("response.status", nullValue())
        .body("response.warnings", hasSize(1))
        .body("response.warnings[0]", startsWith("spec.timeout: the step timeouts add up to 70m"));
  }

  @Test
  void cycleIsDeniedAs422InvalidNamingTheCycle() {
    String cyclic =
        """
        apiVersion: c8s.dev/v1alpha1
        kind: PipelineConfig
        metadata: {name: cyclic, namespace: %s}
        spec:
          repository: https://github.com/org/app
          steps:
            - {name: build, image: golang:1.22, commands: [go build], dependsOn: [test]}
            - {name: test, image: golang:1.22, commands: [go test], dependsOn: [build]}
        """
            .formatted(ns);
    post(review("CREATE", ns, object(cyclic), null))
        .body("response.allowed", equalTo(false))
        .body("response.status.code", equalTo(422))
        .body("response.status.reason", equalTo("Invalid"))
        .body("response.status.message", containsString("build -> test -> build"))
        .body("response.status.message", startsWith("spec.steps"))
        .body("response.status.details.causes.field", hasItem(startsWith("spec.steps")));
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsFieldPath() {
    String broken =
        """
        apiVersion: c8s.dev/v1alpha1
        kind: PipelineConfig
        metadata: {name: broken, namespace: %s}
        spec:
          repository: git@github.com:org/app.git
          steps:
            - name: test
              image: golang:1.22
              commands: [go test]
              resources: {cpu: "500"}
              secrets: [{secretRef: missing-secret, key: TOKEN}]
        """
            .formatted(ns);
    post(review("UPDATE", ns, object(broken), object(broken)))
        .body("response.allowed", equalTo(false))
        .body(
            "response.status.details.causes.field",
            contains(
                "spec.repository",
                "spec.steps[0].secrets[0].secretRef",
                "spec.steps[0].resources.cpu"))
        .body(
            "response.status.message",
            allOf(
                containsString("spec.repository: repository URL"),
                containsString("; spec.steps[0].secrets[0].secretRef: Secret \"missing-secret\""),
                containsString("; spec.steps[0].resources.cpu: step \"test\" needs 500 CPU")));
  }

  @Test
  void unreadableObjectIsDeniedWithTheFieldNotA500() {
    String wrongTypes =
        """
        {"apiVersion":"c8s.dev/v1alpha1","kind":"PipelineConfig",
         "metadata":{"name":"x","namespace":"%s"},
         "spec":{"repository":"https://github.com/org/app","steps":"all of them"}}
        """
            .formatted(ns);
    post(review("CREATE", ns, object(wrongTypes), null))
        .body("response.allowed", equalTo(false))
        .body("response.status.code", equalTo(422))
        .body(
            "response.status.message", equalTo("spec.steps: has the wrong type: expected a list"));
  }

  @Test
  void deletesAndOtherKindsAreAllowed() {
    var config = seed("example-pipelineconfig.yaml", ns);
    post(review("DELETE", ns, null, config)).body("response.allowed", equalTo(true));
    var configMap =
        object("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}");
    post(review("CREATE", ns, configMap, null)).body("response.allowed", equalTo(true));
  }

  @Test
  void somethingThatIsNoAdmissionReviewIs400() {
    for (String body :
        new String[] {
          "",
          "nonsense",
          "[]",
          "{\"request\":{}}",
          "{\"request\":{\"uid\":\"u\",\"operation\":\"CREATE\"}}"
        }) {
      given()
          .contentType("application/json")
          .body(body)
          .post("/admission/validate")
          .then()
          .statusCode(400)
          .contentType("application/json")
          .body("error", org.hamcrest.Matchers.notNullValue());
    }
  }
}
