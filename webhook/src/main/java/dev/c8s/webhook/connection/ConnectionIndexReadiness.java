package dev.c8s.webhook.connection;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the RepositoryConnection cache holds the cluster's connections. */
@Readiness
@ApplicationScoped
public class ConnectionIndexReadiness implements HealthCheck {
  private final ConnectionIndex index;

  public ConnectionIndexReadiness(ConnectionIndex index) {
    this.index = index;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("repository-connection-cache")
        .status(index.isSynced())
        .build();
  }
}
