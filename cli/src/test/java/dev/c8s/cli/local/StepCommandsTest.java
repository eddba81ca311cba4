package dev.c8s.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command lines of a local step: a container of its image, or the host shell. */
class StepCommandsTest {
  @Test
  void aContainerStepMountsTheWorkspacePassesItsVariablesAndRunsItsScriptInItsImage() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("COMMIT_SHA", "4f2a9c1");
    env.put("go", "1.22");

    List<String> argv =
        StepCommands.container(
            ContainerEngine.docker,
            Path.of("/home/dev/app"),
            env,
            List.of("DB_PASSWORD"),
            "golang:1.22",
            List.of("go build ./...", "go test ./..."));

    assertThat(argv)
        .containsExactly(
            "docker",
            "run",
            "--rm",
            "-v",
            "/home/dev/app:/workspace",
            "-w",
            "/workspace",
            "-e",
            "COMMIT_SHA=4f2a9c1",
            "-e",
            "go=1.22",
            "-e",
            "DB_PASSWORD",
            "golang:1.22",
            "sh",
            "-c",
            "set -e\ngo build ./...\ngo test ./...\n");
  }

  @Test
  void podmanTakesTheSameArguments() {
    assertThat(
            StepCommands.container(
                ContainerEngine.podman,
                Path.of("/w"),
                Map.of(),
                List.of(),
                "alpine",
                List.of("true")))
        .startsWith("podman", "run", "--rm", "-v", "/w:/workspace");
  }

  @Test
  void secretValuesNeverAppearInTheCommandLineOnlyTheirNames() {
    List<String> argv =
        StepCommands.container(
            ContainerEngine.docker,
            Path.of("/w"),
            Map.of(),
            List.of("TOKEN"),
            "alpine",
            List.of("x"));

    assertThat(argv).contains("TOKEN").noneMatch(a -> a.startsWith("TOKEN="));
  }

  @Test
  void theHostShellRunsTheSameScript() {
    assertThat(StepCommands.hostShell(List.of("make", "make test")))
        .containsExactly("sh", "-c", "set -e\nmake\nmake test\n");
  }
}
