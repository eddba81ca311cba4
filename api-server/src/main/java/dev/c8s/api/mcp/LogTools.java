package dev.c8s.api.mcp;

import dev.c8s.api.kube.PipelineRuns;
import dev.c8s.api.logs.StepLogs;
import dev.c8s.api.problem.ApiException;
import dev.c8s.model.v1alpha1.PipelineRun;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.WrapBusinessError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** MCP tools over step logs: a step's masked log tail, and why a run failed. */
@WrapBusinessError(ApiException.class)
public class LogTools {
  private final PipelineRuns runs;
  private final StepLogs logs;
  private final ToolAccess access;
  private final ToolAnswers answers;

  LogTools(PipelineRuns runs, StepLogs logs, ToolAccess access, ToolAnswers answers) {
    this.runs = runs;
    this.logs = logs;
    this.access = access;
    this.answers = answers;
  }

  /** The tail of a step's log. */
  record LogExcerpt(String step, String source, long totalLines, List<String> lines) {}

  @Tool(
      name = "get_step_log",
      description =
          "Read the last lines of one step's log, live while the step runs and archived after."
              + " Values of the step's secrets are replaced by ***. Needs get on"
              + " pipelineruns.c8s.dev/log.",
      annotations =
          @Tool.Annotations(
              title = "Get a step's log",
              readOnlyHint = true,
              destructiveHint = false,
              idempotentHint = true,
              openWorldHint = false))
  String getStepLog(
      @ToolArg(description = "Kubernetes namespace of the run") String namespace,
      @ToolArg(description = "Name of the PipelineRun") String run,
      @ToolArg(description = "Name of the step") String step,
      @ToolArg(description = "How many lines from the end (1-2000)", defaultValue = "200")
          int tailLines) {
    ToolArguments.namespace(namespace);
    ToolArguments.name("run", run);
    ToolArguments.step(step);
    ToolArguments.range("tailLines", tailLines, 1, 2000);
    access.require("get", "pipelineruns", "log", namespace, run);
    return answers.json(tail(namespace, run, step, tailLines));
  }

  @Tool(
      name = "explain_failure",
      description =
          "Explain why a run failed: the failed steps with their reason, exit code and last log"
              + " lines (secrets masked), and the steps skipped because of them. Needs get on"
              + " pipelineruns.c8s.dev; the log lines also need get on pipelineruns.c8s.dev/log.",
      annotations =
          @Tool.Annotations(
              title = "Explain a run's failure",
              readOnlyHint = true,
              destructiveHint = false,
              idempotentHint = true,
              openWorldHint = false))
  String explainFailure(
      @ToolArg(description = "Kubernetes namespace of the run") String namespace,
      @ToolArg(description = "Name of the PipelineRun") String run,
      @ToolArg(description = "Log lines per failed step (0-500)", defaultValue = "40")
          int logLines) {
    ToolArguments.namespace(namespace);
    ToolArguments.name("run", run);
    ToolArguments.range("logLines", logLines, 0, 500);
    var caller = access.require("get", "pipelineruns", "", namespace, run);
    PipelineRun found = runs.get(namespace, run);
    boolean mayReadLogs =
        logLines > 0 && access.allowed(caller, "get", "pipelineruns", "log", namespace, run);
    FailureExplanation explanation =
        FailureExplanation.of(
            found,
            step -> {
              if (!mayReadLogs) {
                return null;
              }
              try {
                return tail(namespace, run, step, logLines);
              } catch (ApiException e) {
                return new LogExcerpt(step, "unavailable: " + e.getMessage(), 0, List.of());
              }
            },
            logLines > 0 && !mayReadLogs);
    return answers.json(explanation);
  }

  private LogExcerpt tail(String namespace, String run, String step, int lines) {
    StepLogs.Log log = logs.open(namespace, run, step, false);
    LogTail tail = new LogTail(lines);
    try {
      log.body().write(tail);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the log of step \"" + step + "\" failed", e);
    }
    List<String> kept = tail.lines();
    return new LogExcerpt(step, log.source(), tail.total(), kept);
  }
}
