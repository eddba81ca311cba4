package dev.c8s.deployment.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ingress, ServiceMonitor, PodDisruptionBudgets and cert-manager objects appear only when asked.
 */
class OptionalObjectsTest {
  /** Every optional feature on at once: the non-default rendering the chart must also get right. */
  static final String EVERYTHING_ON =
      """
      controller: {replicas: 2}
      apiServer: {replicas: 2}
      webhook:
        replicas: 2
        certManager: {enabled: true}
        ingress: {enabled: true, className: nginx, host: ci.example.com, tls: {enabled: true, secretName: ci-tls}}
      metrics: {serviceMonitor: {enabled: true, labels: {release: prometheus}}}
      storage: {s3: {credentials: {existingSecret: team-s3}}}
      """;

  @Test
  void defaultInstallIsTheServicesTheirRbacAndTheAdmissionWebhook() {
    Map<String, Long> counts = HelmChart.render("").countByKind();

    System.out.println("default rendering: " + counts);
    assertThat(counts)
        .containsExactly(
            entry("ClusterRole", 3L),
            entry("ClusterRoleBinding", 3L),
            entry("Deployment", 3L),
            entry("Role", 1L),
            entry("RoleBinding", 1L),
            entry("Secret", 1L),
            entry("Service", 3L),
            entry("ServiceAccount", 3L),
            entry("ValidatingWebhookConfiguration", 1L));
  }

  @Test
  void everythingOnAddsTheOptionalObjectsAndDropsTheGeneratedSecret() {
    Map<String, Long> counts = HelmChart.render(EVERYTHING_ON).countByKind();

    System.out.println("everything-on rendering: " + counts);
    assertThat(counts)
        .containsEntry("Ingress", 1L)
        .containsEntry("ServiceMonitor", 1L)
        .containsEntry("PodDisruptionBudget", 3L)
        .containsEntry("Issuer", 1L)
        .containsEntry("Certificate", 1L)
        .containsEntry("Deployment", 3L)
        .doesNotContainKey("Secret");
  }

  @Test
  void ingressExposesOnlyTheProviderReceivers() {
    Ingress ingress = HelmChart.render(EVERYTHING_ON).one(Ingress.class, "c8s-webhook");

    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
    assertThat(ingress.getSpec().getTls())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getHosts()).containsExactly("ci.example.com");
              assertThat(t.getSecretName()).isEqualTo("ci-tls");
            });
    List<HTTPIngressPath> paths = ingress.getSpec().getRules().get(0).getHttp().getPaths();
    assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("ci.example.com");
    // /admission and /q stay cluster-internal
    assertThat(paths)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getPath()).isEqualTo("/webhooks");
              assertThat(p.getPathType()).isEqualTo("Prefix");
              assertThat(p.getBackend().getService().getName()).isEqualTo("c8s-webhook");
              assertThat(p.getBackend().getService().getPort().getName()).isEqualTo("http");
            });
  }

  @Test
  void serviceMonitorScrapesTheMetricsOfAllThreeServices() {
    Rendered rendered = HelmChart.render(EVERYTHING_ON);
    GenericKubernetesResource monitor = rendered.generic("ServiceMonitor").get(0);
    Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
    List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");

    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    assertThat(endpoints)
        .singleElement()
        .satisfies(
            e -> assertThat(e).containsEntry("port", "http").containsEntry("path", "/q/metrics"));
    assertThat(rendered.all(Service.class))
        .hasSize(3)
        .allSatisfy(
            s -> {
              assertThat(s.getMetadata().getLabels()).containsAllEntriesOf(selector);
              assertThat(s.getSpec().getPorts()).anyMatch(p -> "http".equals(p.getName()));
            });
  }

  @ParameterizedTest
  @CsvSource({"controller, controller", "apiServer, api-server", "webhook, webhook"})
  void disruptionBudgetOnlyForAComponentWithMoreThanOneReplica(String key, String component) {
    Rendered rendered = HelmChart.render(key + ": {replicas: 2}");

    assertThat(rendered.all(PodDisruptionBudget.class))
        .singleElement()
        .satisfies(
            pdb -> {
              assertThat(pdb.getMetadata().getName()).isEqualTo("c8s-" + component);
              // one pod may go at a time: for the controller a standby then takes the Lease over
              assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
              assertThat(pdb.getSpec().getSelector().getMatchLabels())
                  .isEqualTo(
                      rendered.deployment(component).getSpec().getSelector().getMatchLabels());
            });
    assertThat(HelmChart.render(key + ": {replicas: 1}").all(PodDisruptionBudget.class)).isEmpty();
  }

  @Test
  void everyObjectCarriesTheHelmAndKubernetesRecommendedLabels() {
    List<HasMetadata> objects =
        HelmChart.render(EVERYTHING_ON + "commonLabels: {team: ci}\n").objects();

    assertThat(objects)
        .allSatisfy(
            o ->
                assertThat(o.getMetadata().getLabels())
                    .as("%s %s", o.getKind(), o.getMetadata().getName())
                    .containsEntry("helm.sh/chart", "c8s-0.1.0")
                    .containsEntry("app.kubernetes.io/name", "c8s")
                    .containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE)
                    .containsEntry("app.kubernetes.io/version", "0.1.0")
                    .containsEntry("app.kubernetes.io/managed-by", "Helm")
                    .containsEntry("team", "ci"));
    assertThat(objects)
        .filteredOn(o -> o.getMetadata().getNamespace() != null)
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(HelmChart.NAMESPACE));
  }

  @Test
  void notesTellTheUserHowToConnectARepositoryAndWatchRuns() {
    String notes = HelmChart.notes("webhook: {ingress: {enabled: true, host: ci.example.com}}");

    assertThat(notes)
        .contains("RepositoryConnection")
        .contains("http://ci.example.com/webhooks/github")
        .contains("/webhooks/gitlab")
        .contains("kubectl -n my-team get pr")
        .doesNotContain("only reachable inside the cluster");
    assertThat(HelmChart.notes("")).contains("only reachable inside the cluster");
  }
}
