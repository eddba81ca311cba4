package dev.c8s.model.crd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.ControlPlaneBinaries;
import dev.c8s.testing.SharedControlPlane;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API server itself keeps a finished run finished (CRD validation rules generated from the
 * model): kubectl cannot move its phase or change its spec, with the webhook nowhere in sight.
 */
class FinishedRunRulesIT {
  private static ControlPlane plane;
  private static String namespace;

  @BeforeAll
  static void startControlPlane() {
    plane = SharedControlPlane.get(false);
    namespace = plane.newNamespace("rules");
  }

  @Test
  void aSucceededRunCannotBeMovedBackToRunningThroughTheStatusSubresource() throws Exception {
    createRun("moved-back");
    assertThat(patchStatus("moved-back", "{\"status\":{\"phase\":\"Running\"}}").exit()).isZero();
    assertThat(patchStatus("moved-back", "{\"status\":{\"phase\":\"Succeeded\"}}").exit()).isZero();

    Result refused = patchStatus("moved-back", "{\"status\":{\"phase\":\"Running\"}}");

    assertThat(refused.exit()).isNotZero();
    assertThat(refused.output())
        .contains("a finished run (Succeeded, Failed or Cancelled) keeps its phase");
    assertThat(phase("moved-back")).isEqualTo("Succeeded");
  }

  @Test
  void aFinishedRunsSpecCannotChangeButARunningOnesCan() throws Exception {
    createRun("spec-change");
    patchStatus("spec-change", "{\"status\":{\"phase\":\"Running\"}}");
    assertThat(patchSpec("spec-change", "{\"spec\":{\"cancelRequested\":true}}").exit()).isZero();
    patchStatus("spec-change", "{\"status\":{\"phase\":\"Cancelled\"}}");

    Result refused = patchSpec("spec-change", "{\"spec\":{\"branch\":\"develop\"}}");

    assertThat(refused.exit()).isNotZero();
    assertThat(refused.output()).contains("the spec of a finished run").contains("cannot change");
  }

  @Test
  void aFinishedRunStillTakesLateLogUrlsAndConditions() throws Exception {
    createRun("late-logs");
    patchStatus("late-logs", "{\"status\":{\"phase\":\"Failed\"}}");

    Result accepted =
        patchStatus(
            "late-logs",
            "{\"status\":{\"phase\":\"Failed\",\"conditions\":[{\"type\":\"LogsArchived\","
                + "\"status\":\"True\",\"reason\":\"Archived\",\"message\":\"all\","
                + "\"lastTransitionTime\":\"2026-11-28T10:00:00Z\"}]}}");

    assertThat(accepted.exit()).as(accepted.output()).isZero();
  }

  private static void createRun(String name) {
    PipelineRun run = new PipelineRun();
    run.getMetadata().setName(name);
    run.getMetadata().setNamespace(namespace);
    run.setSpec(new dev.c8s.model.v1alpha1.PipelineRunSpec());
    run.getSpec().setPipelineConfigRef("app-ci");
    run.getSpec().setCommit("0123456789abcdef0123456789abcdef01234567");
    run.getSpec().setBranch("main");
    plane.client().resource(run).create();
  }

  private static String phase(String name) throws IOException, InterruptedException {
    return kubectl("get", "pipelinerun", name, "-o", "jsonpath={.status.phase}").output().trim();
  }

  private static Result patchStatus(String name, String patch)
      throws IOException, InterruptedException {
    return kubectl(
        "patch", "pipelinerun", name, "--subresource=status", "--type=merge", "-p", patch);
  }

  private static Result patchSpec(String name, String patch)
      throws IOException, InterruptedException {
    return kubectl("patch", "pipelinerun", name, "--type=merge", "-p", patch);
  }

  private record Result(int exit, String output) {}

  private static Result kubectl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ControlPlaneBinaries.folder().resolve("kubectl").toString());
    command.add("--kubeconfig=" + plane.kubeConfigFile());
    command.add("--namespace=" + namespace);
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    return new Result(process.waitFor(), output);
  }
}
