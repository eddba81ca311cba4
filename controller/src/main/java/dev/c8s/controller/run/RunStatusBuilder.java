package dev.c8s.controller.run;

import dev.c8s.controller.config.ClientSerialization;
import dev.c8s.model.engine.Decision;
import dev.c8s.model.engine.RunReason;
import dev.c8s.model.engine.StepReason;
import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.LogsArchived;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepPhase;
import dev.c8s.model.v1alpha1.StepStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The only writer of {@code PipelineRun.status}: starts from the stored status and applies what was
 * observed and decided; {@link StatusMergePatch} then writes what changed, if anything.
 */
public final class RunStatusBuilder {
  /** The run's summary condition: Unknown while it runs, True or False when it ends. */
  public static final String SUCCEEDED = "Succeeded";

  /**
   * Present only while a reconciliation of the run keeps failing (API or storage errors) and is
   * being retried, like a Deployment's {@code ReplicaFailure}; removed by the next success.
   */
  public static final String RECONCILE_FAILURE = "ReconcileFailure";

  /** Condition True while the run waits for a slot under its pipeline's concurrency limit. */
  public static final String QUEUED = "Queued";

  /**
   * Whether every finished step's log is in object storage: present once archiving a log failed,
   * False while it is retried ({@code ObjectStorageUnavailable}) or given up ({@code LogsLost}),
   * True when all arrived.
   */
  public static final String LOGS_ARCHIVED = LogsArchived.TYPE;

  /** Reason of {@link #LOGS_ARCHIVED}=Unknown while finished steps' logs are being archived. */
  public static final String ARCHIVING = LogsArchived.ARCHIVING;

  /** Reason of {@link #LOGS_ARCHIVED}=False while object storage refuses a log. */
  public static final String STORAGE_UNAVAILABLE = LogsArchived.STORAGE_UNAVAILABLE;

  private static final KubernetesSerialization JSON = ClientSerialization.standalone();

  private final PipelineRunStatus status;
  private final Instant now;
  private final Long generation;

  /** Whether a log was deferred in this pass: a lost one then must not end the retries. */
  private boolean deferredThisPass;

  public RunStatusBuilder(PipelineRun run, Instant now) {
    this.status =
        run.getStatus() == null ? new PipelineRunStatus() : StatusCopies.copy(run.getStatus());
    this.now = now.truncatedTo(ChronoUnit.SECONDS);
    this.generation = run.getMetadata().getGeneration();
  }

  /** First sight of a run: snapshot the pipeline, start the clock, list the steps as Pending. */
  public RunStatusBuilder start(PipelineConfigSpec pipeline) {
    // A copy: the snapshot must not change with the caller's (cached) PipelineConfig.
    status.setPipelineSpec(JSON.clone(pipeline));
    status.setStartTime(now);
    List<StepStatus> steps = new ArrayList<>();
    for (Step step : pipeline.getSteps()) {
      steps.add(new StepStatus(step.getName(), StepPhase.Pending));
    }
    status.setSteps(steps);
    return phase(RunPhase.Pending, RunReason.Pending, "Waiting for the first step to start");
  }

  /** Shows {@code reused} steps as done: taken over from the run this one resumes. */
  RunStatusBuilder reuse(List<StepStatus> reused) {
    List<StepStatus> steps = new ArrayList<>(status.getSteps());
    for (StepStatus step : reused) {
      steps.replaceAll(s -> s.getName().equals(step.getName()) ? JSON.clone(step) : s);
    }
    status.setSteps(steps);
    return this;
  }

  /** Records a step's Job and what it reports, unless the step already ended. */
  RunStatusBuilder observed(ObservedStep observed) {
    StepStatus s = step(observed.step());
    if (s.getPhase().isTerminal()) {
      return this;
    }
    StepObservation observation = observed.observation();
    s.setJobName(observed.jobName());
    s.setPhase(observation.state().phase());
    s.setReason(name(observation.state().reason()));
    s.setMessage(observation.message());
    s.setStartTime(truncate(observation.state().startTime()));
    s.setExitCode(observation.exitCode());
    s.setCompletionTime(truncate(observation.completionTime()));
    return this;
  }

  /**
   * Records what came of archiving a step's log: its URLs, or the {@link #LOGS_ARCHIVED} condition
   * while object storage refuses it. A lost log is reported by {@link #logsSettled(Map)} once
   * nothing else is still to come.
   */
  RunStatusBuilder log(LogResult result) {
    switch (result) {
      case LogResult.Archived archived -> {
        if (archived.logUrl() != null) {
          step(archived.step()).setLogUrl(archived.logUrl());
        }
        if (archived.artifactUrl() != null) {
          step(archived.step()).setArtifactUrls(List.of(archived.artifactUrl()));
        }
      }
      case LogResult.Deferred deferred -> {
        deferredThisPass = true;
        setCondition(
            LOGS_ARCHIVED,
            ConditionStatus.FALSE,
            STORAGE_UNAVAILABLE,
            "log of step " + deferred.step() + " not archived yet (retrying): " + deferred.error());
      }
      case LogResult.Lost lost -> {
        // Reported when nothing else is outstanding (logsSettled), so a retry still under way
        // keeps the condition pending.
      }
    }
    return this;
  }

  /** After a retry: True once no finished step still waits for its log. */
  public RunStatusBuilder logsSettled() {
    return logsSettled(Map.of());
  }

  /**
   * With nothing of the run's logs still to come: {@code LogsLost} when a finished step's log is
   * lost ({@code settledWithoutLog} maps it to why), else True once every finished step's log is
   * archived or had nothing to store (an empty reason).
   */
  RunStatusBuilder logsSettled(Map<String, String> settledWithoutLog) {
    List<String> awaiting = awaitingLogs();
    var lost =
        awaiting.stream()
            .filter(step -> !settledWithoutLog.getOrDefault(step, "").isEmpty())
            .findFirst();
    if (lost.isPresent()) {
      setCondition(
          LOGS_ARCHIVED,
          ConditionStatus.FALSE,
          LogsArchived.LOGS_LOST,
          "step " + lost.get() + ": " + settledWithoutLog.get(lost.get()));
    } else if (logsPending(status) && settledWithoutLog.keySet().containsAll(awaiting)) {
      setCondition(
          LOGS_ARCHIVED,
          ConditionStatus.TRUE,
          LogsArchived.ARCHIVED,
          "every step's log is archived");
    }
    return this;
  }

  /**
   * While finished steps' logs are still to come (archived apart from the pass, or retried): {@link
   * #LOGS_ARCHIVED} is Unknown ({@link #ARCHIVING}), so a controller started after a crash archives
   * them again; a refusal reported in the condition stays until the retry succeeds.
   */
  RunStatusBuilder archiving() {
    Condition logs = condition(LOGS_ARCHIVED);
    boolean refused =
        deferredThisPass
            || (logs != null
                && logs.getStatus() == ConditionStatus.FALSE
                && STORAGE_UNAVAILABLE.equals(logs.getReason()));
    if (!refused) {
      setCondition(
          LOGS_ARCHIVED,
          ConditionStatus.UNKNOWN,
          ARCHIVING,
          "finished steps' logs are being archived");
    }
    return this;
  }

  private Condition condition(String type) {
    return status.getConditions() == null
        ? null
        : status.getConditions().stream()
            .filter(c -> type.equals(c.getType()))
            .findFirst()
            .orElse(null);
  }

  /** The names of finished steps that ran a Job but have no archived log yet. */
  public List<String> awaitingLogs() {
    return awaitingLogs(status);
  }

  /** The names of {@code status}'s finished steps that ran a Job but have no archived log yet. */
  public static List<String> awaitingLogs(PipelineRunStatus status) {
    return status.getSteps() == null
        ? List.of()
        : status.getSteps().stream()
            .filter(s -> s.getPhase().isTerminal() && s.getJobName() != null)
            .filter(s -> s.getLogUrl() == null)
            .map(StepStatus::getName)
            .toList();
  }

  /** Whether {@code status} has step logs still to archive: being archived, or retried. */
  public static boolean logsPending(PipelineRunStatus status) {
    return LogsArchived.pending(status);
  }

  /** What came of starting a step: running under its Job, waiting for quota, or refused. */
  RunStatusBuilder started(String step, String jobName, StepStart start) {
    return switch (start) {
      case StepStart.Started started -> started(step, jobName, started.jobCreated());
      case StepStart.WaitingForQuota waiting ->
          waiting(step, StepReason.WaitingForQuota, "Waiting for quota: " + waiting.shortage());
      case StepStart.Rejected rejected -> rejected(step, rejected.answer());
    };
  }

  /**
   * A step whose Job exists, started when the API server created the Job: the time the next pass
   * observes on it. The pass's own clock could name the second before, and every step that
   * straddled a second cost a status write more (decision 0078).
   */
  private RunStatusBuilder started(String step, String jobName, Instant jobCreated) {
    StepStatus s = step(step);
    s.setPhase(StepPhase.Running);
    s.setReason(name(StepReason.Started));
    s.setMessage(null);
    s.setJobName(jobName);
    s.setStartTime(jobCreated == null ? now : jobCreated.truncatedTo(ChronoUnit.SECONDS));
    return this;
  }

  /** A step whose Job the API server refused for good. */
  private RunStatusBuilder rejected(String step, String answer) {
    return failed(
        step, StepReason.JobRejected, "the Kubernetes API refused the step's Job: " + answer);
  }

  private RunStatusBuilder failed(String step, StepReason reason, String message) {
    StepStatus s = step(step);
    s.setPhase(StepPhase.Failed);
    s.setReason(name(reason));
    s.setMessage(message);
    s.setCompletionTime(now);
    return this;
  }

  /** A step that cannot start yet, for example for lack of quota. */
  private RunStatusBuilder waiting(String step, StepReason reason, String message) {
    StepStatus s = step(step);
    s.setPhase(StepPhase.Pending);
    s.setReason(name(reason));
    s.setMessage(message);
    return this;
  }

  /** Steps the engine skipped or stopped. */
  public RunStatusBuilder ended(List<Decision.StepOutcome> outcomes) {
    for (Decision.StepOutcome outcome : outcomes) {
      StepStatus s = step(outcome.step());
      s.setPhase(outcome.phase());
      s.setReason(name(outcome.reason()));
      s.setMessage(outcome.message());
      if (outcome.phase() == StepPhase.Failed || s.getStartTime() != null) {
        s.setCompletionTime(now);
      }
    }
    return this;
  }

  /** The run's phase and its Succeeded condition; a terminal phase also sets completionTime. */
  public RunStatusBuilder phase(RunPhase phase, RunReason reason, String message) {
    status.setPhase(phase);
    status.setObservedGeneration(generation);
    if (phase.isTerminal() && status.getCompletionTime() == null) {
      status.setCompletionTime(now);
    }
    ConditionStatus conditionStatus =
        switch (phase) {
          case Succeeded -> ConditionStatus.TRUE;
          case Failed, Cancelled -> ConditionStatus.FALSE;
          default -> ConditionStatus.UNKNOWN;
        };
    setCondition(
        SUCCEEDED, conditionStatus, reason == null ? phase.name() : reason.name(), message);
    return this;
  }

  /** Waiting for a concurrency slot at {@code position}: the Queued condition and the position. */
  public RunStatusBuilder queued(int position, String message) {
    status.setQueuePosition(position);
    setCondition(QUEUED, ConditionStatus.TRUE, RunReason.Queued.name(), message);
    return this;
  }

  /** Let through the concurrency limit: no position; a Queued condition turns False. */
  public RunStatusBuilder dequeued() {
    status.setQueuePosition(null);
    if (condition(QUEUED) != null) {
      setCondition(QUEUED, ConditionStatus.FALSE, "Started", "the run left the queue");
    }
    return this;
  }

  /** Notes that reconciling failed and is retried; the phase stays what it was. */
  public RunStatusBuilder reconcileFailed(ReconcileFailureReason reason, String message) {
    setCondition(RECONCILE_FAILURE, ConditionStatus.TRUE, reason.name(), message);
    return this;
  }

  /** A reconciliation got through: any earlier failure is over. */
  public RunStatusBuilder reconciled() {
    if (status.getConditions() != null
        && status.getConditions().stream().anyMatch(c -> RECONCILE_FAILURE.equals(c.getType()))) {
      status.setConditions(
          status.getConditions().stream()
              .filter(c -> !RECONCILE_FAILURE.equals(c.getType()))
              .toList());
    }
    return this;
  }

  /**
   * A copy of the status as it stands, to read while building goes on; it shares the pipeline
   * snapshot ({@link StatusCopies}).
   */
  public PipelineRunStatus build() {
    return StatusCopies.copy(status);
  }

  /**
   * The status itself, not a copy, for the write that ends the pass: nothing changes it after. Each
   * copy is a JSON round trip of the whole status with its pipeline snapshot; this was one of the
   * three a pass made.
   */
  PipelineRunStatus finish() {
    return status;
  }

  /**
   * The status as it stands, not a copy: for a look within the pass, never to keep or change. Each
   * copy is a JSON round trip of the whole status with its pipeline snapshot.
   */
  PipelineRunStatus view() {
    return status;
  }

  private void setCondition(String type, ConditionStatus value, String reason, String message) {
    List<Condition> conditions =
        status.getConditions() == null
            ? new ArrayList<>()
            : new ArrayList<>(status.getConditions());
    Condition existing =
        conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    if (existing == null) {
      existing = new Condition(type, value, reason, message);
      existing.setLastTransitionTime(now);
      conditions.add(existing);
    } else if (existing.getStatus() != value) {
      existing.setStatus(value);
      existing.setLastTransitionTime(now);
    }
    existing.setReason(reason);
    existing.setMessage(message);
    existing.setObservedGeneration(generation);
    status.setConditions(conditions);
  }

  private StepStatus step(String name) {
    if (status.getSteps() == null) {
      status.setSteps(new ArrayList<>());
    }
    return status.getSteps().stream()
        .filter(s -> Objects.equals(s.getName(), name))
        .findFirst()
        .orElseGet(
            () -> {
              StepStatus s = new StepStatus(name, StepPhase.Pending);
              status.getSteps().add(s);
              return s;
            });
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  private static Instant truncate(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
  }
}
