package dev.c8s.controller.run;

import dev.c8s.model.engine.RunReason;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.validation.PipelineConfigValidator;
import dev.c8s.model.validation.ValidationResult;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;

/**
 * Starts a run that has no snapshot yet: its approval, the queue's admission, then the
 * PipelineConfig's snapshot or a resume.
 */
@ApplicationScoped
public class RunStart {
  /** What became of a run's start. */
  enum Outcome {
    /** Snapshot taken: the pass goes on to create its first Jobs. */
    STARTED,
    /** Queued behind the pipeline's concurrency limit: write the status, look again later. */
    QUEUED,
    /** Not started (awaiting approval, superseded, failed to start): write the status only. */
    HELD
  }

  private final RunQueue queue;
  private final RunResume resume;
  private final StepJobs jobs;

  RunStart(RunQueue queue, RunResume resume, StepJobs jobs) {
    this.queue = queue;
    this.resume = resume;
    this.jobs = jobs;
  }

  /** Tries to start {@code run}, noting in {@code status} why it did not. */
  Outcome start(PipelineRun run, RunStatusBuilder status, Context<PipelineRun> context) {
    if (RunApproval.holds(run)) {
      // No snapshot and no start time yet: the run starts, and its timeout counts, once approved.
      status.phase(RunPhase.Pending, RunReason.AwaitingApproval, RunApproval.waiting(run));
      return Outcome.HELD;
    }
    PipelineConfig config = pipelineConfig(run, context);
    RunQueue.Admission admission = queue.holdBack(run, config, status);
    if (admission.hold() != RunQueue.Hold.NONE) {
      return admission.hold() == RunQueue.Hold.QUEUED ? Outcome.QUEUED : Outcome.HELD;
    }
    boolean started =
        run.getSpec().getResumeFrom() == null
            ? snapshot(run, config, status)
            : resume.start(run, status, context);
    if (!started) {
      return Outcome.HELD;
    }
    // Only a run that really starts takes the older runs' places.
    queue.supersede(run, admission.supersede(), context);
    return Outcome.STARTED;
  }

  /** The run's PipelineConfig, or null when it does not exist. */
  private PipelineConfig pipelineConfig(PipelineRun run, Context<PipelineRun> context) {
    String ref = run.getSpec().getPipelineConfigRef();
    String namespace = run.getMetadata().getNamespace();
    // Missing from the cache is not enough: a config created moments ago may not be there yet.
    return RunEventSources.pipelineConfig(context, namespace, ref)
        .orElseGet(() -> jobs.pipelineConfig(namespace, ref));
  }

  /** Takes the PipelineConfig's spec into the run; false (and the run failed) when it cannot. */
  private static boolean snapshot(PipelineRun run, PipelineConfig config, RunStatusBuilder status) {
    String ref = run.getSpec().getPipelineConfigRef();
    if (config == null || config.getSpec() == null) {
      String message =
          "PipelineConfig \""
              + ref
              + "\" does not exist in namespace "
              + run.getMetadata().getNamespace()
              + "; create it and start a new run";
      status.phase(RunPhase.Failed, RunReason.PipelineConfigNotFound, message);
      return false;
    }
    ValidationResult validation = new PipelineConfigValidator().validate(config);
    if (!validation.isValid()) {
      String message =
          "PipelineConfig \""
              + ref
              + "\" is invalid: "
              + validation.errors().stream()
                  .limit(5)
                  .map(Object::toString)
                  .collect(Collectors.joining("; "));
      status.phase(RunPhase.Failed, RunReason.InvalidPipeline, message);
      return false;
    }
    status.start(config.getSpec());
    return true;
  }
}
