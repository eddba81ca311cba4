package dev.c8s.controller.run;

import dev.c8s.controller.artifacts.ArtifactTransfers;
import dev.c8s.model.engine.ResumePlan;
import dev.c8s.model.engine.RunReason;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Starts a run that resumes another ({@code spec.resumeFrom}): the other's snapshot, its succeeded
 * steps reused, or the run failed with {@code CannotResume} saying why.
 */
@ApplicationScoped
public class RunResume {
  private final ArtifactTransfers artifacts;

  RunResume(ArtifactTransfers artifacts) {
    this.artifacts = artifacts;
  }

  /** Starts {@code run} from the run it resumes; false (and the run failed) when it cannot. */
  boolean start(PipelineRun run, RunStatusBuilder status, Context<PipelineRun> context) {
    if (Boolean.TRUE.equals(run.getSpec().getCancelRequested())) {
      // Nothing to plan or check for a resume nobody wants any more.
      status.phase(
          RunPhase.Cancelled, RunReason.Cancelled, "the run was cancelled before it started");
      return false;
    }
    String namespace = run.getMetadata().getNamespace();
    String from = run.getSpec().getResumeFrom();
    PipelineRun original =
        context
            .getPrimaryCache()
            .get(new ResourceID(from, namespace))
            .orElseGet(
                () ->
                    context
                        .getClient()
                        .resources(PipelineRun.class)
                        .inNamespace(namespace)
                        .withName(from)
                        .get());
    return switch (ResumePlan.of(run, original, namespace)) {
      case ResumePlan.Refusal refusal -> {
        status.phase(RunPhase.Failed, RunReason.CannotResume, refusal.message());
        yield false;
      }
      case ResumePlan.Plan plan -> {
        Optional<String> gone = expired(plan);
        if (gone.isPresent()) {
          status.phase(RunPhase.Failed, RunReason.CannotResume, gone.get());
          yield false;
        }
        status.start(plan.pipeline()).reuse(plan.reused());
        yield true;
      }
    };
  }

  /** Why the reused steps' artifacts cannot be handed on: one is no longer stored. */
  private Optional<String> expired(ResumePlan.Plan plan) {
    for (StepStatus step : plan.reused()) {
      if (step.getArtifactUrls() == null) {
        continue;
      }
      for (String url : step.getArtifactUrls()) {
        if (!artifacts.exists(url)) {
          return Optional.of(
              "the artifacts of step \""
                  + step.getName()
                  + "\" of run \""
                  + step.getReusedFrom()
                  + "\" ("
                  + url
                  + ") are no longer in object storage (expired or deleted), so the steps after"
                  + " it cannot get them; rerun the whole pipeline instead");
        }
      }
    }
    return Optional.empty();
  }
}
