package dev.c8s.controller.config;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.UUID;

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
  LeaderElectionConfiguration leaderElection(ControllerSettings settings, LeaseHandover handover) {
    String identity = identity(settings);
    // The operator SDK's own exit on a lost Lease calls System.exit from inside
    // the JVM's shutdown when the operator stops, which deadlocks a SIGTERM; LeaseHandover exits
    // on a real loss and releases the Lease on shutdown instead.
    LeaderElectionConfigurationBuilder lease =
        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE)
            .withIdentity(identity)
            .withLeaderCallbacks(
                new LeaderCallbacks(
                    () -> {}, () -> handover.stoppedLeading(identity), leader -> {}));
    settings.leaseNamespace().ifPresent(lease::withLeaseNamespace);
    // build() leaves the SDK's exit off in operator SDK 5.3 (LeaderElectionTest guards it).
    return lease.build();
  }

  /** The Lease holder name: the setting, else the pod name (HOSTNAME), else a random UUID. */
  static String identity(ControllerSettings settings) {
    return settings
        .leaseIdentity()
        .filter(s -> !s.isBlank())
        .or(() -> java.util.Optional.ofNullable(System.getenv("HOSTNAME")))
        .filter(s -> !s.isBlank())
        .orElseGet(() -> UUID.randomUUID().toString());
  }
}
