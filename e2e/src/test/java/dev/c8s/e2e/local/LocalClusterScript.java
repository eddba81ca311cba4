package dev.c8s.e2e.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/local-cluster.sh} run as a user runs it, with its state in a directory of the
 * test's, on ports of the test's choosing and with the classes this build made ({@code
 * --no-build}).
 */
final class LocalClusterScript {
  static final Path SCRIPT = Path.of("../scripts/local-cluster.sh").toAbsolutePath().normalize();

  final Path state;
  private final Map<String, String> environment;

  LocalClusterScript(Path state, int apiPort, int s3Port) {
    this.state = state;
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    this.environment =
        Map.of(
            "C8S_LOCAL_DIR", state.toString(),
            "C8S_API_PORT", String.valueOf(apiPort),
            "C8S_S3_PORT", String.valueOf(s3Port),
            "C8S_POD_EGRESS", "off",
            "C8S_LOCAL_CLASSPATH", classpath,
            "C8S_TOOLS_BIN", Path.of(System.getProperty("c8s.helm")).getParent().toString());
  }

  /** What one call printed and how it exited. */
  record Result(int exitCode, String output) {}

  /** Runs the script with {@code args}; its output (stdout and stderr) and exit code. */
  Result run(int timeoutMinutes, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    try {
      Path output = Files.createTempFile("local-cluster", ".out");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      boolean ended = process.waitFor(timeoutMinutes, TimeUnit.MINUTES);
      if (!ended) {
        process.destroyForcibly();
      }
      String text = Files.readString(output);
      Files.delete(output);
      if (!ended) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " still running after "
                + timeoutMinutes
                + " min:\n"
                + text);
      }
      return new Result(process.exitValue(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The URLs {@code up} printed, as written to the state directory. */
  String urls() {
    try {
      return Files.readString(state.resolve("urls.txt"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value after {@code label} on its line of {@link #urls()}. */
  String url(String label) {
    return urls()
        .lines()
        .map(String::strip)
        .filter(l -> l.startsWith(label + " "))
        .map(l -> l.substring(label.length()).strip().split("\\s+")[0])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + label + " line in:\n" + urls()));
  }
}
