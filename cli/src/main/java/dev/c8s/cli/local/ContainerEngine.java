package dev.c8s.cli.local;

import dev.c8s.cli.CliException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Where {@code c8s run-local} runs steps: a container engine ({@code docker} or {@code podman}, the
 * first found on PATH) or, without one, the host shell.
 */
public enum ContainerEngine {
  docker,
  podman,
  none;

  /**
   * The engine chosen and, when the automatic choice passed over an installed engine, why.
   *
   * @param engine docker, podman or none
   * @param passedOver a sentence saying which installed engine did not answer, or null
   */
  public record Choice(ContainerEngine engine, String passedOver) {}

  /**
   * The engine to use: {@code requested} (docker, podman or none), else the first of docker and
   * podman on {@code path} that {@code answers} (a client without a reachable daemon does not),
   * else none.
   *
   * @throws CliException (unusable) when the requested engine is not on PATH
   */
  public static Choice choose(
      ContainerEngine requested, String path, Predicate<ContainerEngine> answers) {
    if (requested == none) {
      return new Choice(none, null);
    }
    if (requested != null) {
      return executable(requested.name(), path)
          .map(p -> new Choice(requested, null))
          .orElseThrow(
              () ->
                  CliException.unusable(
                      "--engine "
                          + requested
                          + ": no "
                          + requested
                          + " executable on PATH; install it or use --engine none"));
    }
    String passedOver = null;
    for (ContainerEngine candidate : new ContainerEngine[] {docker, podman}) {
      if (executable(candidate.name(), path).isPresent()) {
        if (answers.test(candidate)) {
          return new Choice(candidate, passedOver);
        }
        passedOver =
            (passedOver == null ? "" : passedOver + "; ")
                + candidate
                + " is installed but does not answer ("
                + candidate
                + " info failed: is its daemon running?)";
      }
    }
    return new Choice(none, passedOver);
  }

  /** Whether {@code engine info} succeeds within 10 s: the engine can run containers now. */
  public static boolean answers(ContainerEngine engine) {
    try {
      Process process =
          new ProcessBuilder(engine.name(), "info")
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The executable {@code name} in a directory of {@code path}, if there is one. */
  static Optional<Path> executable(String name, String path) {
    if (path == null) {
      return Optional.empty();
    }
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, name))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }
}
