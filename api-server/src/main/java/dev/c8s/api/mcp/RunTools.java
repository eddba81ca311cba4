package dev.c8s.api.mcp;

import dev.c8s.api.auth.Caller;
import dev.c8s.api.kube.Page;
import dev.c8s.api.kube.PipelineRuns;
import dev.c8s.api.kube.RunFilter;
import dev.c8s.api.kube.RunRequests;
import dev.c8s.api.problem.ApiException;
import dev.c8s.model.v1alpha1.PipelineRun;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.WrapBusinessError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MCP tools over PipelineRuns: list, read, cancel and rerun, each under the caller's RBAC. */
@WrapBusinessError(ApiException.class)
public class RunTools {
  /** Runs read at most to find the newest ones; a namespace with more says so in the answer. */
  static final int SCAN_LIMIT = 2000;

  private static final int PAGE = 500;

  private final PipelineRuns runs;
  private final RunRequests requests;
  private final ToolAccess access;
  private final ToolAnswers answers;

  RunTools(PipelineRuns runs, RunRequests requests, ToolAccess access, ToolAnswers answers) {
    this.runs = runs;
    this.requests = requests;
    this.access = access;
    this.answers = answers;
  }

  @Tool(
      name = "list_runs",
      description =
          "List the newest PipelineRuns of a namespace, optionally only those of one"
              + " PipelineConfig, branch or phase. Each run has its phase, commit, branch, times"
              + " and the reason and message of its outcome. Needs list on pipelineruns.c8s.dev.",
      annotations =
          @Tool.Annotations(
              title = "List pipeline runs",
              readOnlyHint = true,
              destructiveHint = false,
              idempotentHint = true,
              openWorldHint = false))
  String listRuns(
      @ToolArg(description = "Kubernetes namespace of the runs") String namespace,
      @ToolArg(description = "Only runs of this PipelineConfig", required = false)
          String pipelineConfig,
      @ToolArg(description = "Only runs of this branch", required = false) String branch,
      @ToolArg(
              description =
                  "Only runs in this phase: Pending, Running, Succeeded, Failed, Cancelled",
              required = false)
          String phase,
      @ToolArg(description = "How many runs at most, newest first (1-100)", defaultValue = "20")
          int limit) {
    ToolArguments.namespace(namespace);
    RunFilter filter =
        new RunFilter(
            pipelineConfig == null || pipelineConfig.isEmpty()
                ? null
                : ToolArguments.name("pipelineConfig", pipelineConfig),
            ToolArguments.phase(phase),
            ToolArguments.optional(branch),
            null);
    ToolArguments.range("limit", limit, 1, 100);
    access.require("list", "pipelineruns", "", namespace, "");
    List<PipelineRun> found = new ArrayList<>();
    String token = null;
    do {
      Page<PipelineRun> page = runs.list(namespace, filter, PAGE, token);
      found.addAll(page.items());
      token = page.continueToken();
    } while (token != null && found.size() < SCAN_LIMIT);
    found.sort(Comparator.comparing(RunTools::created).reversed());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("runs", found.stream().limit(limit).map(RunViews::summary).toList());
    answer.put("matching", found.size());
    if (token != null) {
      answer.put(
          "note",
          "only the first " + found.size() + " matching runs were read; narrow the filters");
    }
    return answers.json(answer);
  }

  @Tool(
      name = "get_run",
      description =
          "Read one PipelineRun: its phase and outcome, its steps (phase, reason, exit code,"
              + " times) and its conditions. Needs get on pipelineruns.c8s.dev.",
      annotations =
          @Tool.Annotations(
              title = "Get a pipeline run",
              readOnlyHint = true,
              destructiveHint = false,
              idempotentHint = true,
              openWorldHint = false))
  String getRun(
      @ToolArg(description = "Kubernetes namespace of the run") String namespace,
      @ToolArg(description = "Name of the PipelineRun") String name) {
    ToolArguments.namespace(namespace);
    ToolArguments.name("name", name);
    access.require("get", "pipelineruns", "", namespace, name);
    return answers.json(RunViews.detail(runs.get(namespace, name)));
  }

  @Tool(
      name = "cancel_run",
      description =
          "Cancel a run that has not ended: running steps are stopped, pending ones skipped, and"
              + " the run ends Cancelled. Needs update on pipelineruns.c8s.dev.",
      annotations =
          @Tool.Annotations(
              title = "Cancel a pipeline run",
              readOnlyHint = false,
              destructiveHint = true,
              idempotentHint = true,
              openWorldHint = false))
  String cancelRun(
      @ToolArg(description = "Kubernetes namespace of the run") String namespace,
      @ToolArg(description = "Name of the PipelineRun") String name) {
    ToolArguments.namespace(namespace);
    ToolArguments.name("name", name);
    access.require("update", "pipelineruns", "", namespace, name);
    return answers.json(RunViews.summary(runs.cancel(namespace, name)));
  }

  @Tool(
      name = "rerun_run",
      description =
          "Start a new run of the same PipelineConfig, commit and branch. With fromFailed=true it"
              + " resumes a failed or cancelled run instead: succeeded steps are reused and only"
              + " the failed, skipped and unstarted ones run. Returns the new run. Needs create on"
              + " pipelineruns.c8s.dev.",
      annotations =
          @Tool.Annotations(
              title = "Rerun a pipeline run",
              readOnlyHint = false,
              destructiveHint = false,
              idempotentHint = false,
              openWorldHint = false))
  String rerunRun(
      @ToolArg(description = "Kubernetes namespace of the run") String namespace,
      @ToolArg(description = "Name of the PipelineRun to run again") String name,
      @ToolArg(
              description = "Resume from the failed steps instead of running everything again",
              defaultValue = "false")
          boolean fromFailed) {
    ToolArguments.namespace(namespace);
    ToolArguments.name("name", name);
    Caller caller = access.require("create", "pipelineruns", "", namespace, "");
    PipelineRun created =
        fromFailed
            ? requests.resume(namespace, name, caller)
            : requests.rerun(namespace, name, caller);
    return answers.json(RunViews.summary(created));
  }

  private static String created(PipelineRun run) {
    String at = run.getMetadata().getCreationTimestamp();
    return at == null ? "" : at;
  }
}
