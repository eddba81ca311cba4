package dev.c8s.controller.forge;

import static dev.c8s.controller.run.Runs.config;
import static dev.c8s.controller.run.Runs.run;
import static dev.c8s.controller.run.Runs.step;

import dev.c8s.model.v1alpha1.GitProvider;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RepositoryConnection;
import dev.c8s.model.v1alpha1.RepositoryConnectionSpec;
import dev.c8s.testing.PublishedForgeApi;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** Repositories connected to a {@link PublishedForgeApi}, and runs of a full commit SHA in them. */
public final class ForgeConnections {
  /** A full commit SHA: providers take statuses for full SHAs only. */
  public static final String SHA = "4c1f3bd8e2a94b7f9d2e6a1c3b5d7e9f0a2c4e6b";

  /** The Secret holding the API token. */
  public static final String TOKEN_SECRET = "forge-token";

  private ForgeConnections() {}

  /**
   * A token Secret, a RepositoryConnection whose API is {@code api}, and a one-step PipelineConfig
   * {@code name} of that repository.
   */
  public static void connect(
      KubernetesClient client,
      String ns,
      GitProvider provider,
      PublishedForgeApi api,
      String name) {
    String repository =
        switch (provider) {
          case GITHUB -> "https://github.com/org/" + name;
          case GITLAB -> "https://gitlab.com/group/sub/" + name;
          case BITBUCKET -> "https://bitbucket.org/ws/" + name;
          case GITEA -> "https://gitea.example.com/org/" + name;
        };
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(TOKEN_SECRET)
                .withNamespace(ns)
                .endMetadata()
                .withStringData(Map.of("username", "x-token-auth", "password", "t0k-" + name))
                .build())
        .createOr(existing -> existing.update());
    RepositoryConnection connection = new RepositoryConnection();
    connection.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    RepositoryConnectionSpec spec = new RepositoryConnectionSpec();
    spec.setRepository(repository);
    spec.setProvider(provider);
    spec.setApiUrl(api.apiUrl());
    spec.setAuthSecretRef(TOKEN_SECRET);
    connection.setSpec(spec);
    client.resource(connection).create();
    PipelineConfig config = config(ns, name, step("build", "true"));
    config.getSpec().setRepository(repository);
    client.resource(config).create();
  }

  /** A run of the PipelineConfig {@code config} at {@link #SHA} on main. */
  public static PipelineRun fullShaRun(String ns, String config, String name) {
    PipelineRun run = run(ns, name, config, "main");
    run.getSpec().setCommit(SHA);
    return run;
  }
}
