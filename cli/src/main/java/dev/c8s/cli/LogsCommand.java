package dev.c8s.cli;

import dev.c8s.cli.api.C8sApi;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code c8s logs RUN [STEP] [-f]}: step logs, secrets masked by the server. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description =
        "Prints a step's log, or without STEP every step's log in the order the steps run, each"
            + " line prefixed [step]. With -f follows running steps until they end, and without"
            + " STEP waits for the next steps to start until the run ends.")
final class LogsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerOptions server;

  @Parameters(index = "0", paramLabel = "RUN", description = "The PipelineRun")
  String run;

  @Parameters(index = "1", arity = "0..1", paramLabel = "STEP", description = "One step only")
  String step;

  @Option(
      names = {"-f", "--follow"},
      description = "Follow: stream running steps' logs as they are written")
  boolean follow;

  @Override
  public Integer call() throws InterruptedException {
    C8sApi api = server.connect();
    if (step != null) {
      print(api.stepLog(run, step, follow), "");
      return ExitCodes.OK;
    }
    PipelineRun current = api.run(run);
    if (!follow && StepOrder.of(current).isEmpty()) {
      throw CliException.failed(
          "run " + run + " has not started yet: no step has a log (use -f to wait for it)");
    }
    Set<String> done = new LinkedHashSet<>();
    while (true) {
      List<String> steps = StepOrder.of(current);
      boolean ended = RunWaiter.phase(current).isTerminal();
      for (String name : steps) {
        if (!done.contains(name) && printStep(api, current, name, steps.size() > 1, ended)) {
          done.add(name);
        }
      }
      if (!follow || ended || (!steps.isEmpty() && done.containsAll(steps))) {
        return ExitCodes.OK;
      }
      Thread.sleep(RunsCommand.POLL_MILLIS);
      current = api.run(run);
    }
  }

  /** Prints one step's log if it has one now; true when the step needs no further look. */
  private boolean printStep(
      C8sApi api, PipelineRun current, String name, boolean prefixed, boolean runEnded) {
    PrintWriter err = spec.commandLine().getErr();
    StepStatus status = status(current, name);
    StepPhase phase = status == null ? StepPhase.Pending : status.getPhase();
    if (phase == StepPhase.Skipped || (phase == StepPhase.Pending && runEnded)) {
      err.println(
          "["
              + name
              + "] "
              + (phase == StepPhase.Skipped ? "skipped" : "never ran")
              + (status == null || status.getMessage() == null ? "" : ": " + status.getMessage()));
      err.flush();
      return true;
    }
    if (phase == StepPhase.Pending) {
      return !follow && noteNotStarted(name);
    }
    try {
      print(api.stepLog(run, name, follow), prefixed ? "[" + name + "] " : "");
      return true;
    } catch (CliException e) {
      if (follow && !runEnded) {
        return false; // no pod yet, say: look again on the next poll
      }
      err.println("[" + name + "] no log: " + e.getMessage());
      err.flush();
      return true;
    }
  }

  private boolean noteNotStarted(String name) {
    spec.commandLine().getErr().println("[" + name + "] not started yet");
    spec.commandLine().getErr().flush();
    return true;
  }

  private static StepStatus status(PipelineRun run, String name) {
    if (run.getStatus() == null || run.getStatus().getSteps() == null) {
      return null;
    }
    return run.getStatus().getSteps().stream()
        .filter(s -> name.equals(s.getName()))
        .findFirst()
        .orElse(null);
  }

  /** Copies the log line by line as it arrives, each line after {@code prefix}. */
  private void print(InputStream log, String prefix) {
    PrintWriter out = spec.commandLine().getOut();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(log, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        out.println(prefix + line);
        out.flush();
      }
    } catch (IOException e) {
      throw CliException.failed("the log stream broke off: " + e.getMessage());
    } finally {
      out.flush();
    }
  }
}
