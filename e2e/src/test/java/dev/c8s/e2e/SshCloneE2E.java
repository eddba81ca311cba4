package dev.c8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.engine.StepReason;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import dev.c8s.testing.GitSshServer;
import dev.c8s.testing.node.NodeImages;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Repositories connected over ssh: the clone container authenticates with the Secret's {@code
 * ssh-key}, checks the server against its {@code known_hosts} when given, and a refused key fails
 * the run with ssh's own answer.
 */
class SshCloneE2E {
  private static final String PIPELINE =
      """
        steps:
          - name: checkout
            image: %s
            commands:
              - git -c safe.directory='*' rev-parse HEAD
              - cat README.md
              # The clone's key must be gone before the step runs (the workspace volume is shared).
              - if [ -e /c8s/home/id ]; then echo "ssh key left behind"; exit 1; fi; echo "no ssh key left"
            resources: {cpu: 100m, memory: 64Mi}
      """;

  @Test
  void anSshKeyWithAPinnedHostKeyChecksOutThePushedCommit() {
    KeyPair key = GitSshServer.newClientKey();
    try (Team team = Team.overSsh("ssh", key, key, true)) {
      String sha = team.git.commit(Map.of("README.md", "cloned over ssh\n"), "first");
      team.pipeline(PIPELINE.formatted(NodeImages.HELPER));

      PipelineRun run = team.awaitEnded(team.run("ssh-1", sha), Duration.ofMinutes(2));

      assertThat(run.getStatus().getPhase())
          .as(Serialization.asYaml(run.getStatus()))
          .isEqualTo(RunPhase.Succeeded);
      assertThat(team.log(run, "checkout"))
          .contains("checked out " + sha, sha + "\n", "cloned over ssh", "no ssh key left");
    }
  }

  @Test
  void aKeyTheServerDoesNotKnowFailsTheRunWithPermissionDenied() {
    try (Team team =
        Team.overSsh(
            "ssh-denied", GitSshServer.newClientKey(), GitSshServer.newClientKey(), false)) {
      String sha = team.git.commit(Map.of("README.md", "private\n"), "first");
      team.pipeline(PIPELINE.formatted(NodeImages.HELPER));

      PipelineRun run = team.awaitEnded(team.run("ssh-denied-1", sha), Duration.ofMinutes(2));

      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed);
      StepStatus checkout = Team.step(run, "checkout");
      assertThat(checkout.getReason()).isEqualTo(StepReason.PreparationFailed.name());
      assertThat(checkout.getMessage())
          .startsWith("clone failed")
          .contains("Permission denied (publickey)");
      assertThat(team.log(run, "checkout")).contains("==> clone <==", "Permission denied");
    }
  }
}
