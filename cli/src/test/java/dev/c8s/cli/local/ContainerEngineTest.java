package dev.c8s.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.c8s.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing where local steps run: an answering container engine on PATH, else the host. */
class ContainerEngineTest {
  @TempDir Path bin;

  private String pathWith(String... executables) throws IOException {
    for (String name : executables) {
      Path file = Files.writeString(bin.resolve(name), "#!/bin/sh\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return "/nonexistent:" + bin;
  }

  @Test
  void dockerOnPathThatAnswersIsChosenBeforePodman() throws IOException {
    assertThat(ContainerEngine.choose(null, pathWith("docker", "podman"), e -> true))
        .isEqualTo(new ContainerEngine.Choice(ContainerEngine.docker, null));
  }

  @Test
  void anInstalledEngineThatDoesNotAnswerIsPassedOverAndSaidSo() throws IOException {
    ContainerEngine.Choice choice =
        ContainerEngine.choose(
            null, pathWith("docker", "podman"), e -> e == ContainerEngine.podman);

    assertThat(choice.engine()).isEqualTo(ContainerEngine.podman);
    assertThat(choice.passedOver()).contains("docker is installed but does not answer");
  }

  @Test
  void withoutAnyEngineStepsRunOnTheHost() throws IOException {
    assertThat(ContainerEngine.choose(null, pathWith(), e -> true).engine())
        .isEqualTo(ContainerEngine.none);
    assertThat(ContainerEngine.choose(ContainerEngine.none, pathWith("docker"), e -> true).engine())
        .isEqualTo(ContainerEngine.none);
  }

  @Test
  void aRequestedEngineThatIsNotInstalledIsAnError() throws IOException {
    String path = pathWith("docker");
    assertThatThrownBy(() -> ContainerEngine.choose(ContainerEngine.podman, path, e -> true))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("--engine podman: no podman executable on PATH");
  }
}
