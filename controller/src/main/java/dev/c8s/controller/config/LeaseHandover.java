package dev.c8s.controller.config;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.jboss.logging.Logger;

/**
 * What a leader does when its leadership ends: on shutdown it hands the Lease over at once; when it
 * lost the Lease while running it exits, so its Deployment restarts it as a standby.
 */
@ApplicationScoped
public class LeaseHandover {
  private static final Logger LOG = Logger.getLogger(LeaseHandover.class);
  private static final Duration EXIT_GRACE = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final ControllerSettings settings;
  private final Runnable exit;

  @Inject
  LeaseHandover(KubernetesClient client, ControllerSettings settings) {
    this(client, settings, LeaseHandover::exitInItsOwnThread);
  }

  LeaseHandover(KubernetesClient client, ControllerSettings settings, Runnable exit) {
    this.client = client;
    this.settings = settings;
    this.exit = exit;
  }

  /**
   * Called by the leader elector after this replica stopped leading. During shutdown the operator
   * has already stopped its controllers and waited for running reconciliations, so releasing the
   * Lease lets a standby take over without waiting for the Lease to expire.
   */
  void stoppedLeading(String identity) {
    if (JvmShutdown.inProgress()) {
      release(identity);
      return;
    }
    LOG.errorf(
        "Lost the Lease %s as %s (not renewed within the deadline); exiting so a fresh process"
            + " competes for it as a standby",
        LeaderElection.LEASE, identity);
    exit.run();
  }

  /** Empties the holder of the Lease if {@code identity} still holds it; true if it did. */
  boolean release(String identity) {
    String namespace = settings.leaseNamespace().orElse(client.getConfiguration().getNamespace());
    try {
      Lease lease =
          client.resources(Lease.class).inNamespace(namespace).withName(LeaderElection.LEASE).get();
      if (lease == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
        return false;
      }
      // What client-go does on release: no holder, a 1 s duration; the resourceVersion makes the
      // write fail rather than clear a holder that took over in between.
      lease.getSpec().setHolderIdentity(null);
      lease.getSpec().setLeaseDurationSeconds(1);
      lease.getSpec().setRenewTime(ZonedDateTime.now());
      client.resource(lease).update();
      LOG.infof("Released the Lease %s/%s held by %s", namespace, LeaderElection.LEASE, identity);
      return true;
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "Could not release the Lease %s/%s (%s); a standby takes over when it expires",
          namespace, LeaderElection.LEASE, e.getMessage());
      return false;
    }
  }

  private static void exitInItsOwnThread() {
    // Not from the leader elector's thread: System.exit runs the shutdown hooks, which stop the
    // operator and its executors, and must not wait on the thread that called it.
    Thread exit = new Thread(() -> System.exit(1), "lease-lost-exit");
    exit.setDaemon(false);
    exit.start();
    // The hooks wait for running reconciliations, which under a loaded API server took up to
    // 109 s; a process that is no longer leader must not act that long (client-go's controllers
    // exit at once), and everything it did is in the API server, so it halts after a short grace.
    Thread halt =
        new Thread(
            () -> {
              try {
                exit.join(EXIT_GRACE.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Runtime.getRuntime().halt(1);
            },
            "lease-lost-halt");
    halt.setDaemon(true);
    halt.start();
  }
}
