package dev.c8s.deployment.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** helm install and upgrade on a real API server keep the admission certificate until it is due. */
class ChartUpgradeIT {
  private ControlPlane plane;
  private KubernetesClient admin;
  private String namespace;

  @BeforeEach
  void install() {
    plane = SharedControlPlane.get(false);
    admin = plane.client();
    namespace = plane.newNamespace("c8s-upgrade");
    HelmChart.withValuesFile(
        values(),
        file ->
            new Helm(HelmChart.directory())
                .install()
                .withName(HelmChart.RELEASE)
                .withNamespace(namespace)
                .withKubeConfigContents(plane.kubeConfigYaml())
                .withValuesFile(file)
                .skipCrds()
                .call()
                .getStatus());
  }

  @AfterEach
  void uninstall() {
    // removes the cluster-wide objects too; the shared control plane stays clean
    Helm.uninstall(HelmChart.RELEASE)
        .withNamespace(namespace)
        .withKubeConfigContents(plane.kubeConfigYaml())
        .call();
  }

  @Test
  void upgradeKeepsTheGeneratedCertificate() {
    State installed = state();

    upgrade();
    State upgraded = state();

    assertThat(upgraded.certificate()).isEqualTo(installed.certificate());
    assertThat(upgraded.key()).isEqualTo(installed.key());
    assertThat(upgraded.caBundle()).isEqualTo(installed.caBundle()).isEqualTo(installed.ca());
    assertThat(upgraded.checksum()).isEqualTo(installed.checksum());
  }

  @Test
  void upgradeInsideTheRenewalWindowReplacesItWhileTrustingTheOldCa() {
    State installed = state();
    String soon =
        Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    admin.secrets().inNamespace(namespace).withName(secretName()).edit(s -> annotate(s, soon));

    upgrade();
    State renewed = state();

    assertThat(renewed.certificate()).isNotEqualTo(installed.certificate());
    assertThat(renewed.ca()).isNotEqualTo(installed.ca());
    // pods still serving the old certificate stay trusted until the rollout the checksum starts
    assertThat(renewed.caBundle()).startsWith(renewed.ca()).contains(installed.ca());
    assertThat(renewed.checksum()).isNotEqualTo(installed.checksum());

    upgrade();
    State settled = state();

    assertThat(settled.certificate()).isEqualTo(renewed.certificate());
    assertThat(settled.caBundle()).isEqualTo(renewed.ca());
  }

  private void upgrade() {
    HelmChart.withValuesFile(
        values(),
        file ->
            new Helm(HelmChart.directory())
                .upgrade()
                .withName(HelmChart.RELEASE)
                .withNamespace(namespace)
                .withKubeConfigContents(plane.kubeConfigYaml())
                .withValuesFile(file)
                .skipCrds()
                .call()
                .getStatus());
  }

  /** Values that keep this release's admission webhook away from every other test's objects. */
  private String values() {
    return """
        fullnameOverride: %s
        webhook:
          admission:
            failurePolicy: Ignore
            namespaceSelector: {matchLabels: {c8s.dev/chart-upgrade-it: none}}
        """
        .formatted(namespace);
  }

  private String secretName() {
    return namespace + "-webhook-tls";
  }

  private State state() {
    Secret secret = admin.secrets().inNamespace(namespace).withName(secretName()).get();
    String caBundle =
        admin
            .admissionRegistration()
            .v1()
            .validatingWebhookConfigurations()
            .withName(namespace + "-webhook")
            .get()
            .getWebhooks()
            .get(0)
            .getClientConfig()
            .getCaBundle();
    Map<String, String> podAnnotations =
        admin
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withName(namespace + "-webhook")
            .get()
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations();
    return new State(
        decode(secret.getData().get("ca.crt")),
        decode(secret.getData().get("tls.crt")),
        decode(secret.getData().get("tls.key")),
        decode(caBundle),
        podAnnotations.get("checksum/webhook-tls"));
  }

  private static Secret annotate(Secret secret, String notAfter) {
    secret.getMetadata().getAnnotations().put("c8s.dev/not-after", notAfter);
    return secret;
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  /** What the API server and the webhook pods would use, as PEM text. */
  private record State(
      String ca, String certificate, String key, String caBundle, String checksum) {}
}
