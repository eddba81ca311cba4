package dev.c8s.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The rules for updating a PipelineRun: the phase state machine and finished runs never change. */
final class RunUpdates {
  // The model classes have no equals(); their JSON trees compare field by field.
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  // Pending may also end directly: a run can fail (no config) or be cancelled before it starts.
  private static final Map<RunPhase, Set<RunPhase>> NEXT =
      Map.of(
          RunPhase.Pending,
          EnumSet.of(RunPhase.Running, RunPhase.Failed, RunPhase.Cancelled),
          RunPhase.Running,
          EnumSet.of(RunPhase.Succeeded, RunPhase.Failed, RunPhase.Cancelled));

  private static final String MACHINE =
      "a run moves Pending -> Running -> Succeeded, Failed or Cancelled, and from Pending"
          + " straight to Failed or Cancelled";

  private RunUpdates() {}

  static void validate(Problems problems, PipelineRun oldRun, PipelineRun newRun) {
    if (oldRun == null || newRun == null) {
      return; // a create or a delete, not an update
    }
    RunPhase before = phase(oldRun);
    RunPhase after = phase(newRun);
    if (before != null && before.isTerminal()) {
      String finished = "the run finished as " + before + ", so ";
      String advice = "; create a new PipelineRun to run the pipeline again";
      changes(problems, "spec", tree(oldRun.getSpec()), tree(newRun.getSpec()), finished, advice);
      changes(problems, "status", tree(oldRun.getStatus()), tree(newRun.getStatus()), finished, "");
      return;
    }
    // A run without a phase yet is treated as Pending, so its first phase may also be Pending.
    RunPhase from = before == null ? RunPhase.Pending : before;
    if (before == after || from == after) {
      return;
    }
    if (after == null) {
      problems.error(
          "status.phase",
          "status.phase cannot be removed once it is " + before + "; " + MACHINE,
          "run phase",
          null);
    } else if (!NEXT.get(from).contains(after)) {
      problems.error(
          "status.phase",
          "status.phase cannot change from "
              + (before == null ? "(none)" : before)
              + " to "
              + after
              + "; "
              + MACHINE,
          "next phase after " + from,
          after.toString());
    }
  }

  private static RunPhase phase(PipelineRun run) {
    return run == null || run.getStatus() == null ? null : run.getStatus().getPhase();
  }

  private static JsonNode tree(Object value) {
    return value == null ? NullNode.getInstance() : JSON.convertValue(value, JsonNode.class);
  }

  /** One error per top-level field that differs, so the user sees exactly what was touched. */
  private static void changes(
      Problems problems,
      String path,
      JsonNode before,
      JsonNode after,
      String finished,
      String advice) {
    if (before.equals(after)) {
      return;
    }
    if (!before.isObject() || !after.isObject()) {
      problems.error(path, finished + path + " can no longer change" + advice);
      return;
    }
    Set<String> fields = new LinkedHashSet<>();
    before.fieldNames().forEachRemaining(fields::add);
    after.fieldNames().forEachRemaining(fields::add);
    for (String field : fields) {
      JsonNode was = before.path(field);
      JsonNode is = after.path(field);
      if (!was.equals(is)) {
        String detail =
            (was.isValueNode() || was.isMissingNode()) && (is.isValueNode() || is.isMissingNode())
                ? " (" + describe(was) + " -> " + describe(is) + ")"
                : "";
        problems.error(
            path + "." + field,
            finished + path + "." + field + " can no longer change" + detail + advice);
      }
    }
  }

  private static String describe(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return "(none)";
    }
    return node.isTextual() ? node.asText() : node.toString();
  }
}
