package dev.c8s.deployment.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ValidatingWebhookConfiguration: what it guards, how safely, and that it never locks out c8s.
 */
class AdmissionWebhookTest {
  private static final LabelSelectorRequirement NOT_THE_RELEASE_NAMESPACE =
      new LabelSelectorRequirement(
          "kubernetes.io/metadata.name", "NotIn", List.of(HelmChart.NAMESPACE));

  @Test
  void validatesTheThreeKindsOnCreateAndUpdateOverTls() {
    ValidatingWebhook webhook = webhook(HelmChart.render(""));

    assertThat(webhook.getAdmissionReviewVersions()).containsExactly("v1");
    assertThat(webhook.getSideEffects()).isEqualTo("None");
    assertThat(webhook.getTimeoutSeconds()).isEqualTo(5);
    assertThat(webhook.getFailurePolicy()).isEqualTo("Fail");
    assertThat(webhook.getClientConfig().getService())
        .satisfies(
            s -> {
              assertThat(s.getName()).isEqualTo("c8s-webhook");
              assertThat(s.getNamespace()).isEqualTo(HelmChart.NAMESPACE);
              assertThat(s.getPath()).isEqualTo("/admission/validate");
              assertThat(s.getPort()).isEqualTo(8443);
            });
    assertThat(webhook.getRules())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getApiGroups()).containsExactly("c8s.dev");
              assertThat(r.getOperations()).containsExactlyInAnyOrder("CREATE", "UPDATE");
              // status subresources are left out: the controller's status writes never wait on us
              assertThat(r.getResources())
                  .containsExactlyInAnyOrder(
                      "pipelineconfigs", "pipelineruns", "repositoryconnections");
            });
  }

  @Test
  void failurePolicyIsConfigurable() {
    assertThat(
            webhook(HelmChart.render("webhook: {admission: {failurePolicy: Ignore}}"))
                .getFailurePolicy())
        .isEqualTo("Ignore");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{}",
        "{matchLabels: {c8s.dev/enabled: 'true'}}",
        "{matchExpressions: [{key: team, operator: Exists}]}",
        "{matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [c8s-system]}]}",
      })
  void releaseNamespaceIsExcludedWhateverTheUserSelector(String selector) throws IOException {
    LabelSelector rendered =
        webhook(HelmChart.render("webhook: {admission: {namespaceSelector: " + selector + "}}"))
            .getNamespaceSelector();

    assertThat(rendered.getMatchExpressions()).contains(NOT_THE_RELEASE_NAMESPACE);
    // the user's own terms survive the merge (all terms are ANDed by the API server)
    LabelSelector user = parse(selector);
    assertThat(rendered.getMatchExpressions()).containsAll(user.getMatchExpressions());
    assertThat(rendered.getMatchLabels()).isEqualTo(user.getMatchLabels());
  }

  @Test
  void excludedNamespaceFollowsTheReleaseNamespace() {
    assertThat(
            webhook(HelmChart.render("ci-platform", ""))
                .getNamespaceSelector()
                .getMatchExpressions())
        .containsExactly(
            new LabelSelectorRequirement(
                "kubernetes.io/metadata.name", "NotIn", List.of("ci-platform")));
  }

  @Test
  void caBundleTrustsTheGeneratedCertificateTheWebhookServes() throws Exception {
    Rendered rendered = HelmChart.render("");
    Secret secret = rendered.one(Secret.class, "c8s-webhook-tls");
    Certificates tls = Certificates.of(secret);

    assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(webhook(rendered).getClientConfig().getCaBundle())
        .isEqualTo(secret.getData().get("ca.crt"));
    tls.assertServesAndIsSignedByCa(
        "c8s-webhook.c8s-system.svc", "c8s-webhook.c8s-system.svc.cluster.local");
    // the annotation drives renewal on upgrade; it is computed next to the certificate
    assertThat(tls.notAfter())
        .isCloseTo(
            Instant.parse(secret.getMetadata().getAnnotations().get("c8s.dev/not-after")),
            within(5, ChronoUnit.SECONDS))
        .isAfter(Instant.now().plus(3649, ChronoUnit.DAYS));
  }

  @Test
  void webhookPodsRollWhenTheirCertificateChanges() throws Exception {
    Rendered rendered = HelmChart.render("");
    Certificates tls = Certificates.of(rendered.one(Secret.class, "c8s-webhook-tls"));

    assertThat(
            rendered.deployment("webhook").getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("checksum/webhook-tls", tls.certificateSha256());
    // every rendering without a cluster generates a fresh pair; pods must see the change
    assertThat(
            Certificates.of(HelmChart.render("").one(Secret.class, "c8s-webhook-tls"))
                .certificateSha256())
        .isNotEqualTo(tls.certificateSha256());
  }

  @Test
  void certManagerModeInjectsTheCaInsteadOfGeneratingOne() {
    Rendered rendered = HelmChart.render("webhook: {certManager: {enabled: true}}");
    ValidatingWebhookConfiguration configuration =
        rendered.one(ValidatingWebhookConfiguration.class, "c8s-webhook");

    assertThat(configuration.getMetadata().getAnnotations())
        .containsEntry("cert-manager.io/inject-ca-from", "c8s-system/c8s-webhook");
    assertThat(configuration.getWebhooks().get(0).getClientConfig().getCaBundle()).isNull();
    assertThat(rendered.all(Secret.class)).isEmpty();
    assertThat(rendered.generic("Issuer"))
        .singleElement()
        .satisfies(i -> assertThat(i.<Object>get("spec", "selfSigned")).isEqualTo(Map.of()));
    Map<String, Object> certificate = rendered.generic("Certificate").get(0).get("spec");
    assertThat(certificate)
        .containsEntry("secretName", "c8s-webhook-tls")
        .containsEntry(
            "issuerRef",
            Map.of("name", "c8s-webhook-selfsigned", "kind", "Issuer", "group", "cert-manager.io"));
    assertThat(certificate.get("dnsNames"))
        .asInstanceOf(InstanceOfAssertFactories.list(String.class))
        .contains("c8s-webhook.c8s-system.svc");
    // the webhook still reads the same Secret, now written by cert-manager, and reloads it
    assertThat(rendered.env("webhook"))
        .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_FILES", "/etc/c8s/webhook-tls/tls.crt");
  }

  @Test
  void certManagerCanUseAnExistingIssuer() {
    Rendered rendered =
        HelmChart.render(
            "webhook: {certManager: {enabled: true, issuerRef: {name: corp-ca, kind: ClusterIssuer}}}");

    assertThat(rendered.generic("Issuer")).isEmpty();
    assertThat(rendered.generic("Certificate").get(0).<Map<String, Object>>get("spec", "issuerRef"))
        .containsEntry("name", "corp-ca")
        .containsEntry("kind", "ClusterIssuer");
  }

  private static ValidatingWebhook webhook(Rendered rendered) {
    List<ValidatingWebhook> webhooks =
        rendered.one(ValidatingWebhookConfiguration.class, "c8s-webhook").getWebhooks();
    assertThat(webhooks).hasSize(1);
    return webhooks.get(0);
  }

  private static LabelSelector parse(String selectorYaml) throws IOException {
    // flow-style YAML: fabric8's parser would take the leading '{' for JSON
    return new ObjectMapper(new YAMLFactory()).readValue(selectorYaml, LabelSelector.class);
  }
}
