package dev.c8s.webhook;

import static org.awaitility.Awaitility.await;

import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import dev.c8s.model.v1alpha1.RepositoryUrls;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.webhook.connection.ConnectionIndex;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Creates the Secrets, PipelineConfigs and RepositoryConnections a delivery test needs. */
public final class Cluster {
  private final KubernetesClient client;
  private final ConnectionIndex index;

  public Cluster(KubernetesClient client, ConnectionIndex index) {
    this.client = client;
    this.index = index;
  }

  /** A Secret holding {@code value} under the key {@code webhook-secret}. */
  public void webhookSecret(String namespace, String name, String value) {
    client
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withStringData(Map.of("webhook-secret", value))
                .build())
        .create();
  }

  /** A one-step PipelineConfig for {@code repository}, saved after {@code adjust} shapes it. */
  public PipelineConfig config(
      String namespace,
      String name,
      String repository,
      java.util.function.Consumer<PipelineConfigSpec> adjust) {
    PipelineConfig config = new PipelineConfig();
    config.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    PipelineConfigSpec spec = new PipelineConfigSpec();
    spec.setRepository(repository);
    Step step = new Step();
    step.setName("test");
    step.setImage("golang:1.22");
    step.setCommands(List.of("go test ./..."));
    spec.setSteps(List.of(step));
    adjust.accept(spec);
    config.setSpec(spec);
    return client.resource(config).create();
  }

  /** A RepositoryConnection, then waits until the webhook's cache has it. */
  public RepositoryConnection connection(
      String namespace,
      String name,
      String repository,
      GitProvider provider,
      String secretRef,
      String configRef) {
    return connection(namespace, name, repository, provider, secretRef, configRef, spec -> {});
  }

  /** A RepositoryConnection changed by {@code adjust}, then waits until the cache has it. */
  public RepositoryConnection connection(
      String namespace,
      String name,
      String repository,
      GitProvider provider,
      String secretRef,
      String configRef,
      Consumer<RepositoryConnectionSpec> adjust) {
    RepositoryConnection connection = new RepositoryConnection();
    connection.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    RepositoryConnectionSpec spec = new RepositoryConnectionSpec();
    spec.setRepository(repository);
    spec.setProvider(provider);
    spec.setWebhookSecretRef(secretRef);
    spec.setPipelineConfigRef(configRef);
    adjust.accept(spec);
    connection.setSpec(spec);
    RepositoryConnection created = client.resource(connection).create();
    String key = RepositoryUrls.normalize(repository);
    await()
        .until(
            () ->
                index.find(List.of(key)).stream()
                    .anyMatch(
                        c -> c.getMetadata().getUid().equals(created.getMetadata().getUid())));
    return created;
  }

  /** The runs in {@code namespace}. */
  public List<PipelineRun> runs(String namespace) {
    return client.resources(PipelineRun.class).inNamespace(namespace).list().getItems();
  }

  /** The run {@code name} in {@code namespace}, or null. */
  public PipelineRun run(String namespace, String name) {
    return client.resources(PipelineRun.class).inNamespace(namespace).withName(name).get();
  }

  /** The connection as stored now. */
  public RepositoryConnection connection(String namespace, String name) {
    return client.resources(RepositoryConnection.class).inNamespace(namespace).withName(name).get();
  }
}
