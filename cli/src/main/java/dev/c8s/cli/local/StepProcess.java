package dev.c8s.cli.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One step's process on this machine: started with extra variables in the workspace, its output
 * (stdout and stderr together, as a pod's log) handed over line by line, stopped at its timeout.
 */
public final class StepProcess {
  /** Exit code reported for a step stopped at its timeout, as timeout(1) reports it. */
  public static final int TIMED_OUT = 124;

  private StepProcess() {}

  /**
   * What the process came to.
   *
   * @param exitCode its exit code, {@link #TIMED_OUT} when stopped at the timeout
   * @param timedOut whether it was stopped at the timeout
   */
  public record Exit(int exitCode, boolean timedOut) {}

  /**
   * Runs {@code argv} in {@code workdir} with exactly the variables of {@code env}.
   *
   * @throws IOException when it cannot be started (no such program)
   */
  public static Exit run(
      List<String> argv,
      Map<String, String> env,
      Path workdir,
      Duration timeout,
      Consumer<String> lines)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(argv).directory(workdir.toFile()).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.redirectInput(ProcessBuilder.Redirect.PIPE).start();
    process.getOutputStream().close(); // a step reading stdin sees its end, as in a pod
    Thread reader = Thread.ofVirtual().start(() -> forward(process, lines));
    boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor();
    }
    reader.join();
    return finished ? new Exit(process.exitValue(), false) : new Exit(TIMED_OUT, true);
  }

  private static void forward(Process process, Consumer<String> lines) {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.accept(line);
      }
    } catch (IOException e) {
      // The process was stopped while writing: what it wrote so far has been handed over.
      if (process.isAlive()) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
