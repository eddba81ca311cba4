package dev.c8s.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.cli.api.C8sApi;
import dev.c8s.cli.output.RunRow;
import dev.c8s.cli.output.RunTable;
import dev.c8s.cli.output.Structured;
import dev.c8s.cli.output.Style;
import dev.c8s.cli.output.WatchView;
import dev.c8s.model.v1alpha1.RunPhase;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code c8s runs}: the runs of a namespace as a table, once or watched live. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description =
        "Lists PipelineRuns (NAME, PIPELINE, BRANCH, COMMIT, PHASE, STARTED, DURATION), in the"
            + " API's order (by name). With -w, polls every 2 s: on a terminal the table is redrawn"
            + " in place, into a pipe only new and changed runs are printed.")
final class RunsCommand implements Callable<Integer> {
  static final long POLL_MILLIS = 2000;
  private static final int PAGE = 100;

  @Spec CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin DisplayOptions display;

  @Option(
      names = "--pipeline",
      paramLabel = "CONFIG",
      description = "Only runs of this PipelineConfig")
  String pipeline;

  @Option(names = "--branch", paramLabel = "BRANCH", description = "Only runs of this branch")
  String branch;

  @Option(
      names = "--phase",
      paramLabel = "PHASE",
      description = "Only runs in this phase: ${COMPLETION-CANDIDATES}")
  RunPhase phase;

  @Option(names = "--limit", paramLabel = "N", description = "At most N runs (default: all)")
  Integer limit;

  @Option(
      names = {"-w", "--watch"},
      description = "Keep watching: poll every 2 s until interrupted (Ctrl-C)")
  boolean watch;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "json or yaml: the runs as the API returns them, instead of the table")
  Structured output;

  @Override
  public Integer call() throws InterruptedException {
    if (limit != null && limit < 1) {
      throw CliException.unusable("--limit must be at least 1");
    }
    if (watch && output != null) {
      throw CliException.unusable("--watch prints a table; leave out -o " + output);
    }
    C8sApi api = server.connect();
    PrintWriter out = spec.commandLine().getOut();
    if (output != null) {
      out.println(output.write(list(api)));
      out.flush();
      return ExitCodes.OK;
    }
    Style style = display.style();
    if (!watch) {
      List<RunRow> rows = rows(list(api));
      if (rows.isEmpty()) {
        spec.commandLine().getErr().println("no runs in namespace " + api.namespace());
        spec.commandLine().getErr().flush();
        return ExitCodes.OK;
      }
      RunTable.lines(rows, style).forEach(out::println);
      out.flush();
      return ExitCodes.OK;
    }
    WatchView view = new WatchView(Style.stdoutIsTerminal(), style);
    while (!Thread.currentThread().isInterrupted()) {
      out.print(view.frame(rows(list(api))));
      out.flush();
      Thread.sleep(POLL_MILLIS);
    }
    return ExitCodes.OK;
  }

  /** Every matching run, following continue tokens (a filtered page may be short or empty). */
  private List<JsonNode> list(C8sApi api) {
    List<JsonNode> items = new ArrayList<>();
    String next = null;
    do {
      int page = limit == null ? PAGE : Math.min(PAGE, limit - items.size());
      C8sApi.RunPage result =
          api.runs(
              new C8sApi.RunQuery(pipeline, branch, phase == null ? null : phase.name(), page),
              next);
      items.addAll(result.items());
      next = result.continueToken();
    } while (next != null && (limit == null || items.size() < limit));
    return limit == null || items.size() <= limit ? items : items.subList(0, limit);
  }

  private static List<RunRow> rows(List<JsonNode> items) {
    Instant now = Instant.now();
    return items.stream().map(i -> RunRow.of(C8sApi.toRun(i), now)).toList();
  }
}
