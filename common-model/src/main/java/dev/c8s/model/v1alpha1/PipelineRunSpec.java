package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.time.Instant;
import java.util.Map;

/** What to run: which pipeline, at which commit, and who asked. */
@JsonClassDescription("The pipeline, commit and trigger of this run")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PipelineRunSpec {

  /** Name of the PipelineConfig in the same namespace. */
  @Required
  @JsonPropertyDescription("Reference to PipelineConfig name")
  private String pipelineConfigRef;

  /** Git commit SHA to build (7 to 40 lowercase hex characters). */
  @Required
  @Pattern(Patterns.COMMIT)
  @JsonPropertyDescription("Git commit SHA")
  private String commit;

  /** Branch the commit was pushed to; used by branch conditions. */
  @JsonPropertyDescription("Branch name")
  private String branch;

  /** User or system that triggered the run. */
  @Default("system")
  @JsonPropertyDescription("User or system that triggered run")
  private String triggeredBy;

  /** When the run was requested. */
  @JsonPropertyDescription("Time the run was requested")
  private Instant triggeredAt;

  /** Matrix combination this run executes: dimension name to value. */
  @JsonPropertyDescription("Matrix combination for this run (if matrix strategy)")
  private Map<String, String> matrixIndex;

  /** Set to true to cancel the run: running Jobs are deleted and the run ends Cancelled. */
  @JsonPropertyDescription(
      "Set to true to cancel the run; its running Jobs are deleted and the run ends Cancelled")
  private Boolean cancelRequested;

  /** The pull request this run builds; absent for pushes and API runs. */
  @JsonPropertyDescription("The pull request this run builds, when a pull request started it")
  private PullRequest pullRequest;

  /** True: the steps run without their secrets (a pull request from a fork). */
  @JsonPropertyDescription(
      "True to run the steps without their secrets, as c8s does for pull requests from forks")
  private Boolean withoutSecrets;

  /** True: the run waits, Pending, until {@code approvedBy} is set. */
  @JsonPropertyDescription(
      "True to hold the run Pending until approvedBy is set (a pull request from a fork awaiting"
          + " /ok-to-test)")
  private Boolean approvalRequired;

  /** A finished run of the same pipeline and commit whose succeeded steps this run reuses. */
  @JsonPropertyDescription(
      "Name of a failed or cancelled run of the same PipelineConfig, commit and matrix combination:"
          + " this run reuses its pipeline snapshot and its succeeded steps (status, logs,"
          + " artifacts) and runs only the others")
  private String resumeFrom;

  /** Who approved a held run; set by an /ok-to-test comment or by hand. */
  @JsonPropertyDescription(
      "Who approved the run (an /ok-to-test comment sets it); a held run starts once it is set")
  private String approvedBy;

  public String getPipelineConfigRef() {
    return pipelineConfigRef;
  }

  public void setPipelineConfigRef(String pipelineConfigRef) {
    this.pipelineConfigRef = pipelineConfigRef;
  }

  public String getCommit() {
    return commit;
  }

  public void setCommit(String commit) {
    this.commit = commit;
  }

  public String getBranch() {
    return branch;
  }

  public void setBranch(String branch) {
    this.branch = branch;
  }

  public String getTriggeredBy() {
    return triggeredBy;
  }

  public void setTriggeredBy(String triggeredBy) {
    this.triggeredBy = triggeredBy;
  }

  public Instant getTriggeredAt() {
    return triggeredAt;
  }

  public void setTriggeredAt(Instant triggeredAt) {
    this.triggeredAt = triggeredAt;
  }

  public Map<String, String> getMatrixIndex() {
    return matrixIndex;
  }

  public void setMatrixIndex(Map<String, String> matrixIndex) {
    this.matrixIndex = matrixIndex;
  }

  public Boolean getCancelRequested() {
    return cancelRequested;
  }

  public void setCancelRequested(Boolean cancelRequested) {
    this.cancelRequested = cancelRequested;
  }

  public PullRequest getPullRequest() {
    return pullRequest;
  }

  public void setPullRequest(PullRequest pullRequest) {
    this.pullRequest = pullRequest;
  }

  public Boolean getWithoutSecrets() {
    return withoutSecrets;
  }

  public void setWithoutSecrets(Boolean withoutSecrets) {
    this.withoutSecrets = withoutSecrets;
  }

  public Boolean getApprovalRequired() {
    return approvalRequired;
  }

  public void setApprovalRequired(Boolean approvalRequired) {
    this.approvalRequired = approvalRequired;
  }

  public String getApprovedBy() {
    return approvedBy;
  }

  public void setApprovedBy(String approvedBy) {
    this.approvedBy = approvedBy;
  }

  public String getResumeFrom() {
    return resumeFrom;
  }

  public void setResumeFrom(String resumeFrom) {
    this.resumeFrom = resumeFrom;
  }

  /** Whether the run waits for an approval it does not have yet. */
  public boolean awaitsApproval() {
    return Boolean.TRUE.equals(approvalRequired) && (approvedBy == null || approvedBy.isBlank());
  }

  /** Whether the steps run without their secrets. */
  public boolean secretsWithheld() {
    return Boolean.TRUE.equals(withoutSecrets);
  }
}
