package dev.c8s.controller.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Leader election through a Lease named {@value #LEASE} in the controller's own namespace, so two
 * replicas never both act; the operator SDK activates it in the prod profile.
 */
@ApplicationScoped
public class LeaderElection {
  /** The Lease the replicas compete for. */
  public static final String LEASE = "c8s-controller";

  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection(ControllerSettings settings) {
    // In a pod the namespace is inferred from the service account; outside one it must be set.
    return settings
        .leaseNamespace()
        .map(namespace -> new LeaderElectionConfiguration(LEASE, namespace))
        .orElseGet(() -> new LeaderElectionConfiguration(LEASE));
  }
}
