package dev.c8s.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What Kueue needs in the cluster and on disk before it starts: its CRDs and its Configuration. */
final class KueueInstallation {
  static final String SERVICE = "kueue-webhook-service";
  static final String SECRET = "kueue-webhook-server-cert";
  private static final Set<String> CONVERTED_CRDS =
      Set.of("localqueues", "clusterqueues", "workloads", "cohorts", "multikueueclusters");

  private KueueInstallation() {}

  /**
   * Applies Kueue's CRDs server-side (the Workload CRD is too large for a client-side apply's
   * annotation), those cert-controller injects a CA into with a conversion webhook at {@code
   * https://127.0.0.1:<webhookPort>/convert}, and waits until each is served.
   */
  static void installCrds(KubernetesClient admin, Path dir, int webhookPort, String caPem)
      throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd =
              admin.apiextensions().v1().customResourceDefinitions().load(in).item();
          if (CONVERTED_CRDS.contains(crd.getSpec().getNames().getPlural())) {
            crd.getSpec()
                .setConversion(
                    new CustomResourceConversionBuilder()
                        .withStrategy("Webhook")
                        .withNewWebhook()
                        .withConversionReviewVersions("v1")
                        .withNewClientConfig()
                        .withUrl("https://127.0.0.1:" + webhookPort + "/convert")
                        .withCaBundle(base64(caPem))
                        .endClientConfig()
                        .endWebhook()
                        .build());
          }
          admin.resource(crd).forceConflicts().serverSideApply();
          names.add(crd.getMetadata().getName());
        }
      }
    }
    for (String name : names) {
      admin
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(name)
          .waitUntilCondition(
              crd ->
                  crd != null
                      && crd.getStatus() != null
                      && crd.getStatus().getConditions() != null
                      && crd.getStatus().getConditions().stream()
                          .anyMatch(
                              c ->
                                  "Established".equals(c.getType())
                                      && "True".equals(c.getStatus())),
              60,
              TimeUnit.SECONDS);
    }
  }

  static String config(Path certDir, int webhookPort, int healthPort, int metricsPort) {
    return String.join(
        "\n",
        "apiVersion: config.kueue.x-k8s.io/v1beta2",
        "kind: Configuration",
        "namespace: " + KueueServer.NAMESPACE,
        "health:",
        "  healthProbeBindAddress: 127.0.0.1:" + healthPort,
        "metrics:",
        "  bindAddress: 127.0.0.1:" + metricsPort,
        "webhook:",
        "  host: 127.0.0.1",
        "  port: " + webhookPort,
        "  certDir: " + certDir,
        "leaderElection:",
        "  leaderElect: false",
        "internalCertManagement:",
        "  enable: true",
        "  webhookServiceName: " + SERVICE,
        "  webhookSecretName: " + SECRET,
        // Jobs without the queue label are left alone: other tests share the control plane.
        "manageJobsWithoutQueueName: false",
        "integrations:",
        "  frameworks: [\"batch/job\"]",
        "featureGates:",
        // An aggregated API server (APIService, front-proxy authentication): not set up here.
        "  VisibilityOnDemand: false",
        "");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
