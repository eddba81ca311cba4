package dev.c8s.cli;

import dev.c8s.cli.api.C8sApi;
import dev.c8s.cli.output.Structured;
import dev.c8s.cli.output.Style;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code c8s trigger CONFIG --commit SHA}: starts runs of a pipeline, optionally waiting. */
@Command(
    name = "trigger",
    mixinStandardHelpOptions = true,
    description =
        "Starts runs of a PipelineConfig at a commit: one per matrix combination, or the ones"
            + " given with --matrix. Prints the new runs' names. With -w waits until they end:"
            + " exit 0 when all succeeded, else 1.")
final class TriggerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin DisplayOptions display;

  @Parameters(paramLabel = "CONFIG", description = "The PipelineConfig")
  String config;

  @Option(
      names = "--commit",
      required = true,
      paramLabel = "SHA",
      description = "Commit to build (7-40 hex characters)")
  String commit;

  @Option(names = "--branch", paramLabel = "BRANCH", description = "Branch of the commit")
  String branch;

  @Option(
      names = "--matrix",
      paramLabel = "K=V[,K=V...]",
      description =
          "A matrix combination to run, every dimension given (repeat for several; default:"
              + " all combinations)")
  List<String> matrix;

  @Option(
      names = {"-w", "--wait"},
      description = "Wait until the runs end; exit 0 only if all succeeded")
  boolean await;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "json or yaml: the created runs instead of their names")
  Structured output;

  @Override
  public Integer call() throws InterruptedException {
    List<Map<String, String>> combinations =
        matrix == null ? List.of() : matrix.stream().map(TriggerCommand::combination).toList();
    C8sApi api = server.connect();
    List<PipelineRun> runs = api.trigger(config, commit, branch, combinations);
    PrintWriter out = spec.commandLine().getOut();
    if (output != null) {
      out.println(output.write(runs));
    } else {
      runs.forEach(r -> out.println(r.getMetadata().getName()));
    }
    out.flush();
    if (!await) {
      return ExitCodes.OK;
    }
    Style style = display.style();
    PrintWriter err = spec.commandLine().getErr();
    List<PipelineRun> ended =
        new RunWaiter(api, RunsCommand.POLL_MILLIS)
            .await(
                runs.stream().map(r -> r.getMetadata().getName()).toList(),
                run -> {
                  err.println(
                      run.getMetadata().getName()
                          + " "
                          + style.phase(RunWaiter.phase(run).name())
                          + (run.getStatus().getConditions() == null ? "" : conditionMessage(run)));
                  err.flush();
                });
    return ended.stream().allMatch(r -> RunWaiter.phase(r) == RunPhase.Succeeded)
        ? ExitCodes.OK
        : ExitCodes.FAILED;
  }

  private static String conditionMessage(PipelineRun run) {
    return run.getStatus().getConditions().stream()
        .filter(c -> "Succeeded".equals(c.getType()) && c.getMessage() != null)
        .map(c -> ": " + c.getMessage())
        .findFirst()
        .orElse("");
  }

  /** {@code go=1.22,os=linux} as a map; anything else is refused with the expected form. */
  static Map<String, String> combination(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw CliException.unusable(
            "--matrix " + text + ": expected dimension=value pairs such as go=1.22,os=linux");
      }
      values.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
    return values;
  }
}
