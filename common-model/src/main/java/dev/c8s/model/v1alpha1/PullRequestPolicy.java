package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** How a connection builds pull requests: whether at all, and how far forks are trusted. */
@JsonClassDescription("How pull requests (merge requests) of the repository are built")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PullRequestPolicy {

  /** False: pull request events start no run. */
  @Default("true")
  @JsonPropertyDescription("False to start no runs for pull requests; pushes still build")
  private Boolean enabled;

  /** What a pull request from a fork gets; {@link ForkPolicy#ApprovalRequired} when unset. */
  @Default("ApprovalRequired")
  @JsonPropertyDescription(
      "Pull requests from forks: ApprovalRequired (held until a user with write access comments"
          + " /ok-to-test), WithoutSecrets (run at once without the steps' secrets) or Trusted"
          + " (run like a branch)")
  private ForkPolicy forks;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public ForkPolicy getForks() {
    return forks;
  }

  public void setForks(ForkPolicy forks) {
    this.forks = forks;
  }

  /** Whether pull requests are built; true unless switched off. */
  public static boolean builds(PullRequestPolicy policy) {
    return policy == null || !Boolean.FALSE.equals(policy.enabled);
  }

  /** The fork policy in force, with the default. */
  public static ForkPolicy forksOf(PullRequestPolicy policy) {
    return policy == null || policy.forks == null ? ForkPolicy.ApprovalRequired : policy.forks;
  }
}
