package dev.c8s.cli.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command lines that run one step locally: in a container of the step's image with the
 * workspace mounted, or in the host shell. Secret values never appear in them: a container gets
 * {@code -e NAME} and takes the value from the engine's environment.
 */
public final class StepCommands {
  /** Where the workspace is mounted in a container, as in the cluster's step pods. */
  public static final String WORKSPACE = "/workspace";

  private StepCommands() {}

  /** The shell script of a step: its commands in order, stopping at the first that fails. */
  public static String script(List<String> commands) {
    return "set -e\n" + String.join("\n", commands) + "\n";
  }

  /**
   * {@code docker run --rm -v WORKDIR:/workspace -w /workspace -e K=V... -e SECRET... IMAGE sh -c
   * SCRIPT} (or podman).
   *
   * @param env plain variables, passed with their values
   * @param secretNames variables whose values the engine process's environment holds
   */
  public static List<String> container(
      ContainerEngine engine,
      Path workdir,
      Map<String, String> env,
      List<String> secretNames,
      String image,
      List<String> commands) {
    List<String> argv = new ArrayList<>();
    argv.add(engine.name());
    argv.add("run");
    argv.add("--rm");
    argv.add("-v");
    argv.add(workdir.toAbsolutePath() + ":" + WORKSPACE);
    argv.add("-w");
    argv.add(WORKSPACE);
    env.forEach(
        (name, value) -> {
          argv.add("-e");
          argv.add(name + "=" + value);
        });
    secretNames.forEach(
        name -> {
          argv.add("-e");
          argv.add(name);
        });
    argv.add(image);
    argv.add("sh");
    argv.add("-c");
    argv.add(script(commands));
    return List.copyOf(argv);
  }

  /** {@code sh -c SCRIPT}, run in the workspace directory with the step's variables set. */
  public static List<String> hostShell(List<String> commands) {
    return List.of("sh", "-c", script(commands));
  }
}
