package dev.c8s.webhook.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.testing.ControlPlaneBinaries;
import dev.c8s.testing.SharedControlPlane;
import dev.c8s.webhook.ControlPlaneResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** Admission over HTTPS from PEM files; the real kube-apiserver calls it and refuses a cycle. */
@QuarkusTest
@WithTestResource(TlsControlPlaneResource.class)
class AdmissionOverTlsIT {
  private static final String CYCLIC =
      """
      apiVersion: c8s.dev/v1alpha1
      kind: PipelineConfig
      metadata: {name: %s}
      spec:
        repository: https://github.com/org/app
        steps:
          - {name: build, image: golang:1.22, commands: [go build], dependsOn: [test]}
          - {name: test, image: golang:1.22, commands: [go test], dependsOn: %s}
      """;

  @TestHTTPResource(value = "/admission/validate", tls = true)
  URL admission;

  private final KubernetesClient client = ControlPlaneResource.admin();

  @Test
  void admissionAnswersOverTlsWithTheConfiguredCertificate() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("webhook", TlsControlPlaneResource.certificate().certificate());
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, factory.getTrustManagers(), null);
    String review =
        """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"tls-1",
         "kind":{"group":"c8s.dev","version":"v1alpha1","kind":"PipelineRun"},
         "operation":"DELETE","namespace":"default","oldObject":{}}}
        """;
    try (HttpClient http = HttpClient.newBuilder().sslContext(ssl).build()) {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(admission.toURI())
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(review))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.uri().getScheme()).isEqualTo("https");
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("\"uid\":\"tls-1\"").contains("\"allowed\":true");
      assertThat(answer.sslSession().orElseThrow().getPeerCertificates()[0])
          .isEqualTo(TlsControlPlaneResource.certificate().certificate());
    }
  }

  @Test
  void kubeApiServerCallsTheWebhookAndKubectlApplyOfACycleIsRefused() throws Exception {
    String ns = "admission-tls-" + System.nanoTime() % 100000;
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(ns)
                .addToLabels("c8s.dev/admission-test", ns)
                .endMetadata()
                .build())
        .create();
    ValidatingWebhookConfiguration registration = registration(ns);
    client.resource(registration).create();
    try {
      Kubectl refused = kubectl(ns, CYCLIC.formatted("cyclic", "[build]"));
      assertThat(refused.exitCode()).isNotZero();
      // Only c8s' validation words it so (the CRD schema cannot see cycles); kubectl shows the
      // 422 Invalid status with its causes as it does for the API server's own validation.
      assertThat(refused.output())
          .contains("The PipelineConfig \"cyclic\" is invalid")
          .contains("spec.steps[0].dependsOn: dependency cycle: build -> test -> build");
      assertThat(client.resources(PipelineConfig.class).inNamespace(ns).withName("cyclic").get())
          .isNull();

      Kubectl accepted = kubectl(ns, CYCLIC.formatted("acyclic", "[]"));
      assertThat(accepted.exitCode()).as(accepted.output()).isZero();
    } finally {
      client.resource(registration).delete();
    }
  }

  /** Only namespaces carrying this test's label are sent to the webhook. */
  private ValidatingWebhookConfiguration registration(String ns) {
    String caBundle =
        Base64.getEncoder()
            .encodeToString(
                TlsControlPlaneResource.certificate().pem().getBytes(StandardCharsets.UTF_8));
    String url = "https://127.0.0.1:" + admission.getPort() + "/admission/validate";
    return new ValidatingWebhookConfigurationBuilder()
        .withNewMetadata()
        .withName(ns)
        .endMetadata()
        .addNewWebhook()
        .withName("validate.c8s.dev")
        .withAdmissionReviewVersions("v1")
        .withSideEffects("None")
        .withFailurePolicy("Fail")
        .withTimeoutSeconds(10)
        .withNewClientConfig()
        .withUrl(url)
        .withCaBundle(caBundle)
        .endClientConfig()
        .withNewNamespaceSelector()
        .addToMatchLabels("c8s.dev/admission-test", ns)
        .endNamespaceSelector()
        .addNewRule()
        .withApiGroups("c8s.dev")
        .withApiVersions("v1alpha1")
        .withOperations("CREATE", "UPDATE")
        .withResources("pipelineconfigs", "pipelineruns", "repositoryconnections")
        .withScope("Namespaced")
        .endRule()
        .endWebhook()
        .build();
  }

  private record Kubectl(int exitCode, String output) {}

  /** {@code kubectl apply} as a user would run it; the webhook may be registered a moment late. */
  private static Kubectl kubectl(String ns, String manifest) throws Exception {
    Path file = Files.createTempFile("c8s-manifest", ".yaml");
    Files.writeString(file, manifest);
    Process process =
        new ProcessBuilder(
                List.of(
                    ControlPlaneBinaries.folder().resolve("kubectl").toString(),
                    "--kubeconfig",
                    SharedControlPlane.get(false).kubeConfigFile().toString(),
                    "apply",
                    "-n",
                    ns,
                    "-f",
                    file.toString()))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Kubectl(process.waitFor(), output);
  }
}
