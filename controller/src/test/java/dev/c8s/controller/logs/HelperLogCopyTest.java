package dev.c8s.controller.logs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.masking.SecretMasker;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A helper's part of a step's log, taken from what it reported without asking for its log. */
class HelperLogCopyTest {
  /** No client: a helper that reported its output must not need one. */
  private final LogArchiver archiver = new LogArchiver();

  @Test
  void aHelperThatReportedItsOutputIsCopiedMaskedWithoutALogRequest() throws Exception {
    String output = "fatal: could not read from https://git.example/t0ps3cret/repo\n";
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("run-1-build")
            .withNamespace("team")
            .endMetadata()
            .withNewStatus()
            .addToInitContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("clone")
                    .withNewState()
                    .withNewTerminated()
                    .withExitCode(128)
                    .withMessage("c8s-output " + output.getBytes(UTF_8).length + "\n" + output)
                    .endTerminated()
                    .endState()
                    .build())
            .endStatus()
            .build();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();

    archiver.copy(archive, new SecretMasker(List.of("t0ps3cret")), pod, "clone", true);

    assertThat(archive.toString(UTF_8))
        .startsWith("==> clone <==\nfatal: could not read from https://git.example/")
        .doesNotContain("t0ps3cret");
  }
}
