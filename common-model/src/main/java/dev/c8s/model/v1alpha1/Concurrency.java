package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How many runs of a pipeline may run at once, and what happens to the rest. */
@JsonClassDescription(
    "Concurrency limit: how many runs may run at once (per pipeline, or per branch and pull"
        + " request) and what happens to the excess")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Concurrency {
  /** Largest limit: beyond it a limit protects nothing. */
  public static final int LIMIT_MAX = 1000;

  /** Runs running at once, per pipeline or per branch. */
  @Min(1)
  @Max(LIMIT_MAX)
  @Default("1")
  @JsonPropertyDescription("How many runs may run at once (default 1)")
  private Integer limit;

  /** Whether the limit holds for the whole pipeline or for each branch and pull request. */
  @Default("Pipeline")
  @JsonPropertyDescription(
      "Pipeline: one limit for all runs of the pipeline, shared fairly between branches; Branch:"
          + " a limit for each branch and each pull request")
  private Scope per;

  /** What happens to a run beyond the limit. */
  @Default("Queue")
  @JsonPropertyDescription(
      "Queue: excess runs wait, Pending, in order of creation; CancelInProgress: a new run"
          + " cancels the older runs of its branch or pull request beyond the limit (reason"
          + " Superseded)")
  private Policy policy;

  /** Where a limit holds. */
  public enum Scope {
    /** One limit for every run of the pipeline. */
    Pipeline,
    /** A limit for each branch, and for each pull request. */
    Branch
  }

  /** What happens to runs beyond the limit. */
  public enum Policy {
    /** They wait, Pending, until a run ends. */
    Queue,
    /** The newest runs go on; older ones are cancelled as superseded. */
    CancelInProgress
  }

  public Integer getLimit() {
    return limit;
  }

  public void setLimit(Integer limit) {
    this.limit = limit;
  }

  public Scope getPer() {
    return per;
  }

  public void setPer(Scope per) {
    this.per = per;
  }

  public Policy getPolicy() {
    return policy;
  }

  public void setPolicy(Policy policy) {
    this.policy = policy;
  }

  /** The limit in effect (1 when unset). */
  public int limitOrDefault() {
    return limit == null ? 1 : limit;
  }

  /** The scope in effect. */
  public Scope perOrDefault() {
    return per == null ? Scope.Pipeline : per;
  }

  /** The policy in effect. */
  public Policy policyOrDefault() {
    return policy == null ? Policy.Queue : policy;
  }
}
