package dev.c8s.deployment.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values reach the services as the environment variables their Quarkus config reads. */
class ServiceSettingsTest {

  @Test
  void controllerGetsItsStepImagesTimingsAndPublicWebhookUrl() {
    Map<String, String> env =
        HelmChart.render(
                """
                controller: {gitImage: "git:2.48.0", transferImage: "curl:8.12.0", jobTtl: 2h, quotaRecheck: 10s}
                webhook: {externalUrl: "https://hooks.example.com/"}
                """)
            .env("controller");

    assertThat(env)
        .containsEntry("C8S_CONTROLLER_GIT_IMAGE", "git:2.48.0")
        .containsEntry("C8S_CONTROLLER_TRANSFER_IMAGE", "curl:8.12.0")
        .containsEntry("C8S_CONTROLLER_JOB_TTL", "2h")
        .containsEntry("C8S_CONTROLLER_QUOTA_RECHECK", "10s")
        .containsEntry("C8S_CONTROLLER_EXTERNAL_URL", "https://hooks.example.com");
  }

  @Test
  void commitStatusLinksPointAtTheApiServerUnlessTheValuesNameAnAddress() {
    assertThat(HelmChart.render("").env("controller"))
        .containsEntry("C8S_CONTROLLER_REPORT_COMMIT_STATUS", "true")
        .containsEntry("C8S_CONTROLLER_MAX_LOG_FOLLOWERS", "100")
        .containsEntry(
            "C8S_CONTROLLER_RUN_URL",
            "http://c8s-api-server.c8s-system.svc:8080/api/v1/namespaces/{namespace}/pipelineruns/{name}");
    assertThat(
            HelmChart.render(
                    """
                    controller:
                      reportCommitStatus: false
                      maxLogFollowers: 20
                      runUrl: "https://ci.example.com/runs/{namespace}/{name}"
                    """)
                .env("controller"))
        .containsEntry("C8S_CONTROLLER_REPORT_COMMIT_STATUS", "false")
        .containsEntry("C8S_CONTROLLER_MAX_LOG_FOLLOWERS", "20")
        .containsEntry("C8S_CONTROLLER_RUN_URL", "https://ci.example.com/runs/{namespace}/{name}");
  }

  @Test
  void stepHelpersDefaultToC8sOwnHelperImageFromTheReleasesRegistryAndTag() {
    Map<String, String> env =
        HelmChart.render("image: {registry: registry.example.com/ci, tag: 1.2.3}")
            .env("controller");

    assertThat(env)
        .containsEntry("C8S_CONTROLLER_GIT_IMAGE", "registry.example.com/ci/c8s-helper:1.2.3")
        .containsEntry("C8S_CONTROLLER_TRANSFER_IMAGE", "registry.example.com/ci/c8s-helper:1.2.3");
  }

  @Test
  void controllerTakesItsLeaseInTheReleaseNamespaceUnderItsPodName() {
    Map<String, String> env = HelmChart.render("controller: {replicas: 2}").env("controller");

    assertThat(env)
        .containsEntry("C8S_CONTROLLER_LEASE_NAMESPACE", "field:metadata.namespace")
        .containsEntry("C8S_CONTROLLER_LEASE_IDENTITY", "field:metadata.name");
  }

  @Test
  void webhookUrlDefaultsToTheServiceThenToTheIngressHost() {
    assertThat(HelmChart.render("").env("controller"))
        .containsEntry("C8S_CONTROLLER_EXTERNAL_URL", "http://c8s-webhook.c8s-system.svc:8080");
    assertThat(
            HelmChart.render("webhook: {ingress: {enabled: true, host: ci.example.com}}")
                .env("controller"))
        .containsEntry("C8S_CONTROLLER_EXTERNAL_URL", "http://ci.example.com");
    assertThat(
            HelmChart.render(
                    """
                    webhook:
                      ingress: {enabled: true, host: ci.example.com, tls: {enabled: true, secretName: ci-tls}}
                    """)
                .env("controller"))
        .containsEntry("C8S_CONTROLLER_EXTERNAL_URL", "https://ci.example.com");
  }

  @Test
  void s3SettingsReachControllerAndApiServerButNotTheWebhook() {
    Rendered rendered =
        HelmChart.render(
            """
            storage:
              s3:
                endpoint: http://minio.c8s-system.svc:9000
                region: eu-west-1
                pathStyle: false
                logsBucket: team-logs
                artifactsBucket: team-artifacts
            """);

    for (String component : new String[] {"controller", "api-server"}) {
      assertThat(rendered.env(component))
          .as(component)
          .containsEntry("QUARKUS_S3_ENDPOINT_OVERRIDE", "http://minio.c8s-system.svc:9000")
          .containsEntry("QUARKUS_S3_AWS_REGION", "eu-west-1")
          .containsEntry("QUARKUS_S3_PATH_STYLE_ACCESS", "false")
          .containsEntry("C8S_STORAGE_LOGS_BUCKET", "team-logs")
          .containsEntry("C8S_STORAGE_ARTIFACTS_BUCKET", "team-artifacts")
          .containsEntry("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
    }
    assertThat(rendered.env("webhook").keySet()).noneMatch(k -> k.contains("S3"));
  }

  @Test
  void uploadsCarryChecksumsOnlyWhenTheValuesAskForThem() {
    Rendered rendered = HelmChart.render("storage: {s3: {requestChecksums: when_supported}}");

    assertThat(rendered.env("controller"))
        .containsEntry("AWS_REQUEST_CHECKSUM_CALCULATION", "when_supported");
  }

  @Test
  void s3KeysFromValuesGoIntoAChartSecretAndOnlyReferencesIntoPods() {
    Rendered rendered =
        HelmChart.render(
            "storage: {s3: {credentials: {accessKeyId: AKIAEXAMPLE, secretAccessKey: s3cr3t}}}");

    Secret secret = rendered.one(Secret.class, "c8s-s3");
    assertThat(decode(secret.getData().get("access-key-id"))).isEqualTo("AKIAEXAMPLE");
    assertThat(decode(secret.getData().get("secret-access-key"))).isEqualTo("s3cr3t");
    assertThat(rendered.env("controller"))
        .containsEntry("QUARKUS_S3_AWS_CREDENTIALS_TYPE", "static")
        .containsEntry(
            "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID",
            "secret:c8s-s3/access-key-id")
        .containsEntry(
            "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY",
            "secret:c8s-s3/secret-access-key");
    for (String component : new String[] {"controller", "api-server", "webhook"}) {
      assertThat(rendered.env(component).values()).doesNotContain("AKIAEXAMPLE", "s3cr3t");
    }
  }

  @Test
  void existingS3SecretIsReferencedAndNoSecretIsCreated() {
    Rendered rendered =
        HelmChart.render(
            """
            storage:
              s3:
                credentials: {existingSecret: team-s3, accessKeyIdKey: id, secretAccessKeyKey: key}
            """);

    assertThat(rendered.all(Secret.class))
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("c8s-webhook-tls");
    assertThat(rendered.env("api-server"))
        .containsEntry("QUARKUS_S3_AWS_CREDENTIALS_TYPE", "static")
        .containsEntry(
            "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", "secret:team-s3/id")
        .containsEntry(
            "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", "secret:team-s3/key");
  }

  @Test
  void withoutKeysTheAwsDefaultCredentialsChainIsUsed() {
    Map<String, String> env = HelmChart.render("").env("controller");

    assertThat(env)
        .containsEntry("QUARKUS_S3_AWS_CREDENTIALS_TYPE", "default")
        .doesNotContainKey("QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID")
        .doesNotContainKey("QUARKUS_S3_ENDPOINT_OVERRIDE");
  }

  @Test
  void webhookServesTlsOn8443FromTheMountedCertificateSecret() {
    Rendered rendered = HelmChart.render("");
    Container webhook = rendered.container("webhook");
    PodSpec pod = rendered.deployment("webhook").getSpec().getTemplate().getSpec();

    assertThat(rendered.env("webhook"))
        .containsEntry("QUARKUS_HTTP_SSL_PORT", "8443")
        .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_FILES", "/etc/c8s/webhook-tls/tls.crt")
        .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES", "/etc/c8s/webhook-tls/tls.key")
        .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_RELOAD_PERIOD", "1h");
    assertThat(webhook.getPorts())
        .anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(8443));
    assertThat(webhook.getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getMountPath()).isEqualTo("/etc/c8s/webhook-tls");
              assertThat(m.getReadOnly()).isTrue();
            });
    assertThat(pod.getVolumes())
        .anySatisfy(
            v ->
                assertThat(v.getSecret())
                    .extracting(SecretVolumeSource::getSecretName)
                    .isEqualTo("c8s-webhook-tls"));
    // the other services hold no certificate
    assertThat(rendered.env("controller")).doesNotContainKey("QUARKUS_HTTP_SSL_PORT");
  }

  @Test
  void verboseLoggingRaisesOnlyC8sCategories() {
    assertThat(HelmChart.render("").env("api-server"))
        .containsEntry("QUARKUS_LOG_CATEGORY__DEV_C8S__LEVEL", "INFO");
    assertThat(HelmChart.render("logging: {level: DEBUG}").env("webhook"))
        .containsEntry("QUARKUS_LOG_CATEGORY__DEV_C8S__LEVEL", "DEBUG")
        .doesNotContainKey("QUARKUS_LOG_LEVEL");
  }

  @Test
  void servicesLogJsonInTheClusterUnlessTextIsAsked() {
    for (String component : List.of("controller", "api-server", "webhook")) {
      assertThat(HelmChart.render("").env(component))
          .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
      assertThat(HelmChart.render("logging: {format: text}").env(component))
          .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    }
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64));
  }
}
