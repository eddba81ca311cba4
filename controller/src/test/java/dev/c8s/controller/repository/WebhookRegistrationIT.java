package dev.c8s.controller.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.c8s.controller.ControlPlaneResource;
import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import dev.c8s.testing.PublishedForgeApi;
import dev.c8s.testing.PublishedForgeApi.Answer;
import dev.c8s.testing.SharedControlPlane;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The controller registers, keeps and removes a connection's webhook through APIs that check every
 * request against the providers' published descriptions, and says in the status when it cannot.
 */
@QuarkusTest
@WithTestResource(ControlPlaneResource.class)
class WebhookRegistrationIT {
  /** The test profile's webhook address (application.properties), one a provider could call. */
  private static final String EXTERNAL = "https://ci.example.com";

  private static final Duration AT_MOST = Duration.ofSeconds(60);
  private final KubernetesClient client = ControlPlaneResource.admin();
  private PublishedForgeApi forge;
  private String ns;

  @BeforeEach
  void namespace() {
    ns = SharedControlPlane.get(true).newNamespace("hooks");
    secret("api", Map.of("token", "t0ken"));
    secret("hook", Map.of("webhook-secret", "s3cret\n"));
  }

  @AfterEach
  void checkRequests() {
    if (forge != null) {
      assertThat(forge.invalid()).as("requests the published description refuses").isEmpty();
      forge.close();
    }
  }

  @Test
  void githubHookIsCreatedSetAgainWhenTheConnectionChangesAndDeletedWithIt() {
    forge = PublishedForgeApi.start(GitProvider.GITHUB);
    String url = EXTERNAL + "/webhooks/github";
    connection("app", GitProvider.GITHUB, "https://github.com/org/app", spec -> {});

    RepositoryConnection registered =
        awaitConnection("app", c -> registered(c, ConditionStatus.TRUE));
    assertThat(registered.getStatus().getWebhookRegistered()).isTrue();
    var created = forge.received("POST", "/repos/org/app/hooks");
    assertThat(created).hasSize(1);
    assertThat(created.get(0).body().path("config").path("url").asText()).isEqualTo(url);
    assertThat(created.get(0).body().path("config").path("secret").asText()).isEqualTo("s3cret");
    assertThat(created.get(0).header("Authorization")).isEqualTo("Bearer t0ken");

    String ours = "[{\"id\":42,\"config\":{\"url\":\"" + url + "\"}}]";
    forge.script("GET", "repos/list-webhooks", Answer.json(200, ours), 1);
    client
        .resources(RepositoryConnection.class)
        .inNamespace(ns)
        .withName("app")
        .edit(
            c -> {
              c.getSpec().setPipelineConfigRef("app-ci");
              return c;
            });
    await()
        .atMost(AT_MOST)
        .until(() -> !forge.received("PATCH", "/repos/org/app/hooks/42").isEmpty());
    assertThat(forge.received("POST", "/repos/org/app/hooks")).hasSize(1);

    forge.script("GET", "repos/list-webhooks", Answer.json(200, ours), 1);
    client.resources(RepositoryConnection.class).inNamespace(ns).withName("app").delete();
    await()
        .atMost(AT_MOST)
        .until(
            () ->
                client.resources(RepositoryConnection.class).inNamespace(ns).withName("app").get()
                    == null);
    assertThat(forge.received("DELETE", "/repos/org/app/hooks/42")).hasSize(1);
  }

  @Test
  void giteaHookIsCreatedAsAGiteaTypeHookWithItsToken() {
    forge = PublishedForgeApi.start(GitProvider.GITEA);
    connection("gt", GitProvider.GITEA, "https://gitea.example.com/org/gt", spec -> {});

    awaitConnection("gt", c -> registered(c, ConditionStatus.TRUE));
    var created = forge.received("POST", "/api/v1/repos/org/gt/hooks");
    assertThat(created).hasSize(1);
    assertThat(created.get(0).body().path("type").asText()).isEqualTo("gitea");
    assertThat(created.get(0).body().path("config").path("url").asText())
        .isEqualTo(EXTERNAL + "/webhooks/gitea");
    assertThat(created.get(0).header("Authorization")).isEqualTo("token t0ken");
  }

  @Test
  void aTokenTheProviderRefusesIsNamedWithTheScopeItNeeds() {
    forge = PublishedForgeApi.start(GitProvider.GITLAB);
    forge.script(
        "GET",
        "/api/v4/projects/{id}/hooks",
        Answer.json(403, "{\"message\":\"403 Forbidden\"}"),
        100);
    connection("gl", GitProvider.GITLAB, "https://gitlab.com/group/sub/gl", spec -> {});

    Condition condition =
        condition(awaitConnection("gl", c -> registered(c, ConditionStatus.FALSE)));
    assertThat(condition.getReason()).isEqualTo("TokenRefused");
    assertThat(condition.getMessage()).contains("(403)", "api scope and the Maintainer role");
  }

  @Test
  void withoutATokenOrWithRegistrationSwitchedOffNothingIsAskedAndTheStatusSaysWhatToDo() {
    forge = PublishedForgeApi.start(GitProvider.BITBUCKET);
    connection(
        "bb",
        GitProvider.BITBUCKET,
        "https://bitbucket.org/ws/bb",
        spec -> spec.setAuthSecretRef(null));
    connection(
        "manual",
        GitProvider.BITBUCKET,
        "https://bitbucket.org/ws/manual",
        spec -> spec.setRegisterWebhook(false));

    Condition noToken = condition(awaitConnection("bb", c -> registered(c, ConditionStatus.FALSE)));
    Condition manual =
        condition(awaitConnection("manual", c -> registered(c, ConditionStatus.FALSE)));
    assertThat(noToken.getReason()).isEqualTo("NoToken");
    assertThat(noToken.getMessage()).contains("webhook scope of a repository admin");
    assertThat(manual.getReason()).isEqualTo("RegistrationDisabled");
    assertThat(forge.received()).isEmpty();
  }

  private void secret(String name, Map<String, String> data) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .withStringData(data)
                .build())
        .create();
  }

  private void connection(
      String name,
      GitProvider provider,
      String repository,
      java.util.function.Consumer<RepositoryConnectionSpec> adjust) {
    RepositoryConnection connection = new RepositoryConnection();
    connection.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    RepositoryConnectionSpec spec = new RepositoryConnectionSpec();
    spec.setRepository(repository);
    spec.setProvider(provider);
    spec.setApiUrl(forge.apiUrl());
    spec.setAuthSecretRef("api");
    spec.setWebhookSecretRef("hook");
    adjust.accept(spec);
    connection.setSpec(spec);
    client.resource(connection).create();
  }

  private RepositoryConnection awaitConnection(String name, Predicate<RepositoryConnection> until) {
    return await()
        .ignoreExceptions()
        .atMost(AT_MOST)
        .until(
            () -> client.resources(RepositoryConnection.class).inNamespace(ns).withName(name).get(),
            c -> c != null && until.test(c));
  }

  private static boolean registered(RepositoryConnection connection, ConditionStatus status) {
    Condition condition = condition(connection);
    return condition != null && condition.getStatus() == status;
  }

  private static Condition condition(RepositoryConnection connection) {
    if (connection.getStatus() == null || connection.getStatus().getConditions() == null) {
      return null;
    }
    return connection.getStatus().getConditions().stream()
        .filter(c -> RepositoryConnectionReconciler.WEBHOOK_REGISTERED.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }
}
