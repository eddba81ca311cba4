package dev.c8s.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.c8s.model.engine.ResumePlan.Plan;
import dev.c8s.model.engine.ResumePlan.Refusal;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What a resumed run takes from the run it resumes, and every reason it cannot. */
class ResumePlanTest {

  private static PipelineRun run(String name, String commit, Map<String, String> combination) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).build());
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setPipelineConfigRef("app");
    spec.setCommit(commit);
    spec.setMatrixIndex(combination);
    run.setSpec(spec);
    return run;
  }

  private static StepStatus step(String name, StepPhase phase, String reusedFrom) {
    StepStatus step = new StepStatus(name, phase);
    step.setLogUrl("s3://c8s-logs/team/" + name + ".log");
    step.setArtifactUrls(List.of("s3://c8s-artifacts/team/" + name + "/artifacts.tar.gz"));
    step.setJobName("run-1-" + name);
    step.setExitCode(phase == StepPhase.Succeeded ? 0 : 1);
    step.setReusedFrom(reusedFrom);
    return step;
  }

  private static PipelineRun failed(Consumer<PipelineRun> change) {
    PipelineRun original = run("run-1", "abc1234", Map.of("os", "linux"));
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(RunPhase.Failed);
    status.setPipelineSpec(sequential("checkout", "build", "test", "deploy"));
    status.setSteps(
        List.of(
            step("checkout", StepPhase.Succeeded, "run-0"),
            step("build", StepPhase.Succeeded, null),
            step("test", StepPhase.Failed, null),
            step("deploy", StepPhase.Skipped, null)));
    original.setStatus(status);
    change.accept(original);
    return original;
  }

  private static PipelineRun resuming() {
    PipelineRun resuming = run("run-2", "abc1234", Map.of("os", "linux"));
    resuming.getSpec().setResumeFrom("run-1");
    return resuming;
  }

  private static String refusal(PipelineRun original) {
    return ((Refusal) ResumePlan.of(resuming(), original, "team")).message();
  }

  @Test
  void succeededStepsAreReusedWithTheirLogsAndArtifactsAndTheRunThatRanThem() {
    PipelineRun original = failed(r -> {});

    Plan plan = (Plan) ResumePlan.of(resuming(), original, "team");

    assertThat(plan.pipeline()).isSameAs(original.getStatus().getPipelineSpec());
    assertThat(plan.reused())
        .extracting(StepStatus::getName, StepStatus::getReusedFrom, StepStatus::getReason)
        .containsExactly(tuple("checkout", "run-0", "Reused"), tuple("build", "run-1", "Reused"));
    assertThat(plan.reused().get(1).getLogUrl()).isEqualTo("s3://c8s-logs/team/build.log");
    assertThat(plan.reused().get(1).getArtifactUrls())
        .containsExactly("s3://c8s-artifacts/team/build/artifacts.tar.gz");
    assertThat(plan.reused()).allSatisfy(s -> assertThat(s.getJobName()).isNull());
  }

  @Test
  void aStepThatRanAfterTheFailureRunsAgainAfterTheRetry() {
    PipelineRun original =
        failed(
            r ->
                r.getStatus()
                    .setSteps(
                        List.of(
                            step("checkout", StepPhase.Succeeded, null),
                            step("build", StepPhase.Succeeded, null),
                            step("test", StepPhase.Failed, null),
                            step("notify", StepPhase.Succeeded, null))));
    original.getStatus().setPipelineSpec(sequential("checkout", "build", "test", "notify"));

    Plan plan = (Plan) ResumePlan.of(resuming(), original, "team");

    assertThat(plan.reused()).extracting(StepStatus::getName).containsExactly("checkout", "build");
  }

  private static PipelineConfigSpec sequential(String... names) {
    PipelineConfigSpec spec = new PipelineConfigSpec();
    spec.setSteps(
        java.util.Arrays.stream(names)
            .map(
                n -> {
                  Step step = new Step();
                  step.setName(n);
                  return step;
                })
            .toList());
    return spec;
  }

  @Test
  void aMissingOriginalIsRefusedWithWhatToDo() {
    assertThat(refusal(null))
        .isEqualTo(
            "run \"run-1\" (spec.resumeFrom) does not exist in namespace team; it may have been"
                + " deleted beyond the history limit: start a new run instead");
  }

  @Test
  void anUnfinishedOrSucceededOriginalIsRefused() {
    assertThat(refusal(failed(r -> r.getStatus().setPhase(RunPhase.Running))))
        .contains("has not finished (phase Running)");
    assertThat(refusal(failed(r -> r.getStatus().setPhase(RunPhase.Succeeded))))
        .contains("succeeded, so nothing is left to resume; rerun it");
  }

  @Test
  void anotherPipelineCommitOrCombinationIsRefused() {
    assertThat(refusal(failed(r -> r.getSpec().setPipelineConfigRef("other"))))
        .contains("is a run of PipelineConfig \"other\", not \"app\"");
    assertThat(refusal(failed(r -> r.getSpec().setCommit("def5678"))))
        .contains("built commit def5678, not abc1234");
    assertThat(refusal(failed(r -> r.getSpec().setMatrixIndex(Map.of("os", "mac")))))
        .contains("ran matrix combination {os=mac}, not {os=linux}");
  }

  @Test
  void anOriginalThatNeverStartedIsRefused() {
    assertThat(refusal(failed(r -> r.getStatus().setPipelineSpec(null))))
        .contains("never started a step");
  }
}
