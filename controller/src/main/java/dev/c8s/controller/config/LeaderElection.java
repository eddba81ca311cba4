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
    // Absent settings stay null so the operator SDK applies its own defaults: the namespace is
    // inferred from the service account in a pod, the identity is HOSTNAME or a random UUID.
    // A replica that loses the Lease exits (last argument): its Deployment restarts it as a
    // standby,
    // which is safer than a process that might still be acting on stale leadership.
    return new LeaderElectionConfiguration(
        LEASE,
        settings.leaseNamespace().orElse(null),
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        settings.leaseIdentity().orElse(null),
        null,
        true);
  }
}
