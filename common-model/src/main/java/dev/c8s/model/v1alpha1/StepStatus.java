package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.time.Instant;
import java.util.List;

/** Observed state of one step of a run (seed 001's StepExecution). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepStatus {

  /** Step name, as in the pipeline spec. */
  @Required
  @JsonPropertyDescription("Step name")
  private String name;

  /** Pending, Running, Succeeded, Failed or Skipped. */
  @Required
  @JsonPropertyDescription("Step phase")
  private StepPhase phase;

  /** Why the step is in its phase, for example WaitingForQuota or DependencyFailed. */
  @JsonPropertyDescription("Machine-readable reason for the phase (e.g. WaitingForQuota)")
  private String reason;

  /** Human-readable detail for the reason. */
  @JsonPropertyDescription("Human-readable detail for the reason")
  private String message;

  /** Name of the Kubernetes Job running the step. */
  @JsonPropertyDescription("Kubernetes Job name for this step")
  private String jobName;

  /** When the step's Job was created. */
  @JsonPropertyDescription("Time the step's Job was created")
  private Instant startTime;

  /** When the step finished. */
  @JsonPropertyDescription("Time the step finished")
  private Instant completionTime;

  /** Exit code of the step's container. */
  @JsonPropertyDescription("Exit code of the step's container")
  private Integer exitCode;

  /** Object storage URL of the archived, masked log. */
  @JsonProperty("logURL")
  @JsonPropertyDescription("Object storage URL for logs")
  private String logUrl;

  /** Object storage URLs of the uploaded artifacts. */
  @JsonProperty("artifactURLs")
  @JsonPropertyDescription("Object storage URLs of the step's artifacts")
  private List<String> artifactUrls;

  /**
   * The run whose result this step reuses (a resumed run); its log and artifacts are that run's.
   */
  @JsonPropertyDescription(
      "Run whose succeeded step this step reuses (spec.resumeFrom): its log and artifacts are that"
          + " run's")
  private String reusedFrom;

  public StepStatus() {}

  public StepStatus(String name, StepPhase phase) {
    this.name = name;
    this.phase = phase;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public StepPhase getPhase() {
    return phase;
  }

  public void setPhase(StepPhase phase) {
    this.phase = phase;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getJobName() {
    return jobName;
  }

  public void setJobName(String jobName) {
    this.jobName = jobName;
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

  public Integer getExitCode() {
    return exitCode;
  }

  public void setExitCode(Integer exitCode) {
    this.exitCode = exitCode;
  }

  @JsonProperty("logURL")
  public String getLogUrl() {
    return logUrl;
  }

  @JsonProperty("logURL")
  public void setLogUrl(String logUrl) {
    this.logUrl = logUrl;
  }

  @JsonProperty("artifactURLs")
  public List<String> getArtifactUrls() {
    return artifactUrls;
  }

  @JsonProperty("artifactURLs")
  public void setArtifactUrls(List<String> artifactUrls) {
    this.artifactUrls = artifactUrls;
  }

  public String getReusedFrom() {
    return reusedFrom;
  }

  public void setReusedFrom(String reusedFrom) {
    this.reusedFrom = reusedFrom;
  }
}
