package dev.c8s.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The Lease settings reach the operator SDK, and a lost Lease ends the process from c8s's own
 * callback rather than the SDK's exit (which deadlocks during shutdown).
 */
class LeaderElectionTest {

  @Test
  void namespaceAndIdentityFromSettingsNameTheLeaseAndItsHolder() {
    LeaderElectionConfiguration config =
        new LeaderElection()
            .leaderElection(settings("c8s-system", "c8s-controller-7d9f-abcde"), handover(null));

    assertThat(config.getLeaseName()).isEqualTo("c8s-controller");
    assertThat(config.getLeaseNamespace()).contains("c8s-system");
    assertThat(config.getIdentity()).contains("c8s-controller-7d9f-abcde");
  }

  @Test
  void withoutSettingsTheIdentityIsStillKnownAndTheSdkDoesNotExitOnItsOwn() {
    LeaderElectionConfiguration config =
        new LeaderElection().leaderElection(settings(null, null), handover(null));

    assertThat(config.getLeaseNamespace()).isEmpty();
    // HOSTNAME (the pod name) or a random UUID: known to c8s, so it can release its own Lease
    assertThat(config.getIdentity()).get().asString().isNotBlank();
    assertThat(config.isExitOnStopLeading()).isFalse();
  }

  @Test
  void aLeaseLostWhileRunningExitsTheProcessThroughC8sCallback() {
    AtomicInteger exits = new AtomicInteger();
    LeaderElectionConfiguration config =
        new LeaderElection()
            .leaderElection(settings("c8s-system", "pod-a"), handover(exits::incrementAndGet));

    config.getLeaderCallbacks().orElseThrow().onStopLeading();

    assertThat(exits).hasValue(1);
  }

  private static LeaseHandover handover(Runnable exit) {
    return new LeaseHandover(null, settings("c8s-system", "pod-a"), exit);
  }

  private static ControllerSettings settings(String namespace, String identity) {
    return new ControllerSettings() {
      @Override
      public String gitImage() {
        return "git:1";
      }

      @Override
      public String transferImage() {
        return "curl:1";
      }

      @Override
      public Duration jobTtl() {
        return Duration.ofHours(1);
      }

      @Override
      public String externalUrl() {
        return "http://webhook";
      }

      @Override
      public Optional<String> leaseNamespace() {
        return Optional.ofNullable(namespace);
      }

      @Override
      public Optional<String> leaseIdentity() {
        return Optional.ofNullable(identity);
      }

      @Override
      public String runUrl() {
        return "http://api/{namespace}/{name}";
      }

      @Override
      public int maxLogFollowers() {
        return 100;
      }

      @Override
      public int logArchivers() {
        return 8;
      }

      @Override
      public boolean reportCommitStatus() {
        return false;
      }

      @Override
      public Duration quotaRecheck() {
        return Duration.ofSeconds(5);
      }
    };
  }
}
