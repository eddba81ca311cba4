package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.Objects;

/** The commit status c8s last reported to the Git provider for a run, and why a report failed. */
@JsonClassDescription(
    "The commit status c8s reported to the Git provider for this run (managed by the controller)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CommitStatusReport {

  /** The provider's own state value the provider accepted last, e.g. success or SUCCESSFUL. */
  @JsonPropertyDescription("State the provider accepted last, in the provider's own words")
  private String state;

  /** The run phase that state reflects. */
  @JsonPropertyDescription("Run phase the reported state reflects")
  private RunPhase phase;

  /** The status' name at the provider: stable per PipelineConfig and matrix combination. */
  @JsonPropertyDescription(
      "Name of the status at the provider (GitHub context, GitLab name, Bitbucket key)")
  private String context;

  /** The short text shown beside the state. */
  @JsonPropertyDescription("Description shown beside the state")
  private String description;

  /** Where the provider links the status to. */
  @JsonProperty("targetURL")
  @JsonPropertyDescription("Link shown with the status")
  private String targetUrl;

  /** When the provider accepted the state. */
  @JsonPropertyDescription("Time the provider accepted the state")
  private Instant reportedAt;

  /** Why the latest report has not been accepted yet; empty once it is. */
  @JsonPropertyDescription(
      "Why the latest state has not reached the provider yet (it is retried); empty once it has")
  private String message;

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public RunPhase getPhase() {
    return phase;
  }

  public void setPhase(RunPhase phase) {
    this.phase = phase;
  }

  public String getContext() {
    return context;
  }

  public void setContext(String context) {
    this.context = context;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  @JsonProperty("targetURL")
  public String getTargetUrl() {
    return targetUrl;
  }

  @JsonProperty("targetURL")
  public void setTargetUrl(String targetUrl) {
    this.targetUrl = targetUrl;
  }

  public Instant getReportedAt() {
    return reportedAt;
  }

  public void setReportedAt(Instant reportedAt) {
    this.reportedAt = reportedAt;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CommitStatusReport r
        && Objects.equals(state, r.state)
        && phase == r.phase
        && Objects.equals(context, r.context)
        && Objects.equals(description, r.description)
        && Objects.equals(targetUrl, r.targetUrl)
        && Objects.equals(reportedAt, r.reportedAt)
        && Objects.equals(message, r.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(state, phase, context, description, targetUrl, reportedAt, message);
  }
}
