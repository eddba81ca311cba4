package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Desired state of a PipelineConfig: what to build, on which branches, and how. */
@JsonClassDescription(
    "Desired state of the pipeline: repository, branch filters, steps, timeout and matrix")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PipelineConfigSpec {
  /** Finished runs kept when {@code historyLimit} is not set. */
  public static final int HISTORY_LIMIT_DEFAULT = 100;

  /** Largest {@code historyLimit}: beyond it etcd, not c8s, would have to hold the history. */
  public static final int HISTORY_LIMIT_MAX = 10_000;

  /** Git repository URL (https or ssh). */
  @Required
  @Pattern(Patterns.REPOSITORY_URL)
  @JsonPropertyDescription("Git repository URL (https or ssh)")
  private String repository;

  /** Branch filters as glob patterns; {@code *} also matches {@code /}. */
  @Default("[\"*\"]")
  @JsonPropertyDescription(
      "Branch filters (glob patterns, default [\"*\"]); '*' matches any characters including '/'")
  private List<String> branches;

  /** Pipeline steps in execution order (a DAG once any step declares dependsOn). */
  @Required
  @Size(min = 1)
  @JsonPropertyDescription("Pipeline steps in execution order")
  private List<Step> steps;

  /** Pipeline-level timeout, for example {@code 1h}. */
  @Pattern(Patterns.DURATION)
  @Default("1h")
  @JsonPropertyDescription("Pipeline-level timeout")
  private String timeout;

  /**
   * How many finished runs of this pipeline to keep; older finished runs are deleted (their Jobs
   * with them; archived logs and artifacts stay until object storage expires them).
   */
  @Min(1)
  @Max(HISTORY_LIMIT_MAX)
  @Default("" + HISTORY_LIMIT_DEFAULT)
  @JsonPropertyDescription(
      "How many finished PipelineRuns to keep (default 100); older finished runs are deleted")
  private Integer historyLimit;

  /** Matrix strategy: one PipelineRun per combination of dimension values. */
  @JsonPropertyDescription("Matrix strategy for parallel execution")
  private Matrix matrix;

  /** How many runs may run at once, and what happens to the rest. */
  @JsonPropertyDescription(
      "How many runs may run at once, and whether the excess queues or cancels older runs")
  private Concurrency concurrency;

  /** Kueue admission of the step Jobs. */
  @JsonPropertyDescription(
      "Kueue admission: step Jobs are created suspended in this LocalQueue and start when Kueue"
          + " admits them")
  private Kueue kueue;

  /** Cron schedule on which the pipeline also runs, building a branch's head. */
  @JsonPropertyDescription(
      "Runs the pipeline on a cron schedule too, building the head of spec.schedule.branch")
  private PipelineSchedule schedule;

  public String getRepository() {
    return repository;
  }

  public void setRepository(String repository) {
    this.repository = repository;
  }

  public List<String> getBranches() {
    return branches;
  }

  public void setBranches(List<String> branches) {
    this.branches = branches;
  }

  public List<Step> getSteps() {
    return steps;
  }

  public void setSteps(List<Step> steps) {
    this.steps = steps;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }

  public Integer getHistoryLimit() {
    return historyLimit;
  }

  public void setHistoryLimit(Integer historyLimit) {
    this.historyLimit = historyLimit;
  }

  public Matrix getMatrix() {
    return matrix;
  }

  public void setMatrix(Matrix matrix) {
    this.matrix = matrix;
  }

  public PipelineSchedule getSchedule() {
    return schedule;
  }

  public void setSchedule(PipelineSchedule schedule) {
    this.schedule = schedule;
  }

  public Concurrency getConcurrency() {
    return concurrency;
  }

  public void setConcurrency(Concurrency concurrency) {
    this.concurrency = concurrency;
  }

  public Kueue getKueue() {
    return kueue;
  }

  public void setKueue(Kueue kueue) {
    this.kueue = kueue;
  }
}
