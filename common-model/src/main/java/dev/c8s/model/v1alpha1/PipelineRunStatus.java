package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Instant;
import java.util.List;

/** Observed state of a run, written only by the controller through its status builder. */
@JsonClassDescription("Runtime status of the run (managed by controller)")
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(oldSelf.phase) || !(oldSelf.phase in ['Succeeded', 'Failed', 'Cancelled'])"
            + " || (has(self.phase) && self.phase == oldSelf.phase)",
    message =
        "a finished run (Succeeded, Failed or Cancelled) keeps its phase; start a new run instead",
    reason = "FieldValueForbidden")
public class PipelineRunStatus {

  /** Overall phase: Pending, Running, Succeeded, Failed or Cancelled. */
  @JsonPropertyDescription("Overall pipeline run phase")
  private RunPhase phase;

  /** When the controller started the run. */
  @JsonPropertyDescription("Time the controller started the run")
  private Instant startTime;

  /** When the run reached a terminal phase. */
  @JsonPropertyDescription("Time the run reached a terminal phase")
  private Instant completionTime;

  /** Status of each step. */
  @JsonPropertyDescription("Status of each step")
  private List<StepStatus> steps;

  /** Conditions for status tracking (Succeeded, JobsCreated, ...). */
  @JsonPropertyDescription("Conditions for status tracking")
  private List<Condition> conditions;

  /** The metadata.generation of the run the controller last acted on. */
  @JsonPropertyDescription("metadata.generation of the run last acted on by the controller")
  private Long observedGeneration;

  /** The PipelineConfig spec as it was when the run started; later edits do not affect it. */
  @JsonPropertyDescription(
      "Snapshot of the PipelineConfig spec taken when the run started; edits to the"
          + " PipelineConfig do not change a run under way")
  private PipelineConfigSpec pipelineSpec;

  /** The commit status last reported to the Git provider, written apart from the rest. */
  @JsonPropertyDescription(
      "Commit status reported to the Git provider (GitHub, GitLab, Bitbucket) for this run")
  private CommitStatusReport commitStatus;

  /** Place in its pipeline's queue while the run waits for a concurrency slot (1 is next). */
  @JsonPropertyDescription(
      "Place in the pipeline's queue while the run waits for its concurrency limit (1 is next)")
  private Integer queuePosition;

  public RunPhase getPhase() {
    return phase;
  }

  public void setPhase(RunPhase phase) {
    this.phase = phase;
  }

  public Instant getStartTime() {
    return startTime;
  }

  public void setStartTime(Instant startTime) {
    this.startTime = startTime;
  }

  public Instant getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(Instant completionTime) {
    this.completionTime = completionTime;
  }

  public List<StepStatus> getSteps() {
    return steps;
  }

  public void setSteps(List<StepStatus> steps) {
    this.steps = steps;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public PipelineConfigSpec getPipelineSpec() {
    return pipelineSpec;
  }

  public void setPipelineSpec(PipelineConfigSpec pipelineSpec) {
    this.pipelineSpec = pipelineSpec;
  }

  public CommitStatusReport getCommitStatus() {
    return commitStatus;
  }

  public void setCommitStatus(CommitStatusReport commitStatus) {
    this.commitStatus = commitStatus;
  }

  public Integer getQueuePosition() {
    return queuePosition;
  }

  public void setQueuePosition(Integer queuePosition) {
    this.queuePosition = queuePosition;
  }
}
