package dev.c8s.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Lease settings reach the operator SDK, and absent ones leave its defaults in place. */
class LeaderElectionTest {

  @Test
  void namespaceAndIdentityFromSettingsNameTheLeaseAndItsHolder() {
    LeaderElectionConfiguration config =
        new LeaderElection().leaderElection(settings("c8s-system", "c8s-controller-7d9f-abcde"));

    assertThat(config.getLeaseName()).isEqualTo("c8s-controller");
    assertThat(config.getLeaseNamespace()).contains("c8s-system");
    assertThat(config.getIdentity()).contains("c8s-controller-7d9f-abcde");
  }

  @Test
  void withoutSettingsTheSdkInfersNamespaceAndIdentityAndUsesItsTimings() {
    LeaderElectionConfiguration config = new LeaderElection().leaderElection(settings(null, null));

    assertThat(config.getLeaseNamespace()).isEmpty();
    assertThat(config.getIdentity()).isEmpty();
    assertThat(config.getLeaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.getRenewDeadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.getRetryPeriod()).isEqualTo(Duration.ofSeconds(2));
    // a replica that lost the Lease must stop acting; exiting lets Kubernetes restart it
    assertThat(config.isExitOnStopLeading()).isTrue();
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
      public Duration quotaRecheck() {
        return Duration.ofSeconds(5);
      }
    };
  }
}
