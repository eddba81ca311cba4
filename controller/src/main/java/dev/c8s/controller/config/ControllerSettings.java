package dev.c8s.controller.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The controller's settings ({@code c8s.controller.*}), set from the Helm chart's values. */
@ConfigMapping(prefix = "c8s.controller")
public interface ControllerSettings {

  /** Image of the clone init container; needs git and sh. */
  @WithDefault("alpine/git:2.47.2")
  String gitImage();

  /** Image of the artifact transfer containers; needs sh, tar and curl. */
  @WithDefault("curlimages/curl:8.11.1")
  String transferImage();

  /** How long finished step Jobs are kept. */
  @WithDefault("1h")
  Duration jobTtl();

  /** The webhook service's external base URL, published in RepositoryConnection status. */
  @WithDefault("http://c8s-webhook.c8s-system.svc:8080")
  String externalUrl();

  /** Namespace of the leader-election Lease; defaults to the pod's own namespace. */
  Optional<String> leaseNamespace();

  /**
   * This replica's name in the Lease's holderIdentity; defaults to the HOSTNAME variable (the pod
   * name), else a random UUID.
   */
  Optional<String> leaseIdentity();

  /**
   * The link of a run shown with its commit status, with {@code {namespace}} and {@code {name}} in
   * it; the chart points it at the api-server.
   */
  @WithDefault(
      "http://c8s-api-server.c8s-system.svc:8080/api/v1/namespaces/{namespace}/pipelineruns/{name}")
  String runUrl();

  /**
   * Whether runs are reported to their Git provider as commit statuses (with the token of the
   * RepositoryConnection's authSecretRef).
   */
  @WithDefault("true")
  boolean reportCommitStatus();

  /**
   * How many running steps' logs are followed into object storage at once; the logs of steps beyond
   * are read whole when they end. Each followed log holds one connection to the API server.
   */
  @WithDefault("100")
  int maxLogFollowers();

  /**
   * How many finished steps' logs are archived at once, apart from reconciliations (each reads a
   * log from the API server or waits for its follower, and writes object storage).
   */
  @WithDefault("8")
  int logArchivers();

  /** How often a step waiting for quota checks again. */
  @WithDefault("5s")
  Duration quotaRecheck();
}
