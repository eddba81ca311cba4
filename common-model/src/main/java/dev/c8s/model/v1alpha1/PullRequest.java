package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The pull or merge request a run builds: its number, branches and where its head comes from. */
@JsonClassDescription("The pull request (merge request) this run builds")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PullRequest {

  /** The provider's number of the request (GitHub number, GitLab iid, Bitbucket id). */
  @Required
  @Min(1)
  @JsonPropertyDescription("Pull request number (GitLab: the merge request's iid)")
  private Long number;

  /** The branch the request merges into; the PipelineConfig's {@code branches} filter it. */
  @Required
  @JsonPropertyDescription("Branch the pull request merges into; spec.branches filters apply to it")
  private String baseBranch;

  /** The branch the request's commits are on, in the head repository. */
  @JsonPropertyDescription("Branch of the pull request's commits, in the head repository")
  private String headBranch;

  /** The repository the head commit comes from (owner/name), when the provider says. */
  @JsonPropertyDescription("Repository the pull request's commits come from (owner/name)")
  private String headRepository;

  /** Whether the head repository is another repository than the one built (a fork). */
  @JsonPropertyDescription("True when the pull request comes from another repository (a fork)")
  private Boolean fork;

  /** A ref of the built repository that holds the head commit, fetched when the SHA cannot be. */
  @Pattern(Patterns.FETCH_REF)
  @JsonPropertyDescription(
      "Ref of the repository that holds the head commit (refs/pull/<n>/head on GitHub,"
          + " refs/merge-requests/<iid>/head on GitLab), fetched when the commit cannot be")
  private String fetchRef;

  /** Web page of the request. */
  @JsonPropertyDescription("Web address of the pull request")
  private String url;

  public Long getNumber() {
    return number;
  }

  public void setNumber(Long number) {
    this.number = number;
  }

  public String getBaseBranch() {
    return baseBranch;
  }

  public void setBaseBranch(String baseBranch) {
    this.baseBranch = baseBranch;
  }

  public String getHeadBranch() {
    return headBranch;
  }

  public void setHeadBranch(String headBranch) {
    this.headBranch = headBranch;
  }

  public String getHeadRepository() {
    return headRepository;
  }

  public void setHeadRepository(String headRepository) {
    this.headRepository = headRepository;
  }

  public Boolean getFork() {
    return fork;
  }

  public void setFork(Boolean fork) {
    this.fork = fork;
  }

  /** Whether the request comes from a fork; false when unknown. */
  public boolean fromFork() {
    return Boolean.TRUE.equals(fork);
  }

  public String getFetchRef() {
    return fetchRef;
  }

  public void setFetchRef(String fetchRef) {
    this.fetchRef = fetchRef;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }
}
