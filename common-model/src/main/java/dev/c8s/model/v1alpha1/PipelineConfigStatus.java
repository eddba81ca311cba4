package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.List;

/** Observed state of a PipelineConfig, kept by the controller from the runs that finished. */
@JsonClassDescription("Runtime status (managed by controller)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PipelineConfigStatus {

  /** When the most recent run of this pipeline was created. */
  @JsonPropertyDescription("Creation time of the most recent run")
  private Instant lastRun;

  /** Number of finished runs counted so far. */
  @JsonPropertyDescription("Number of finished runs")
  private Integer totalRuns;

  /** Fraction (0..1) of finished runs that succeeded. */
  @JsonPropertyDescription("Fraction (0..1) of finished runs that succeeded")
  private Double successRate;

  /** Where the schedule stands; absent without {@code spec.schedule}. */
  @JsonPropertyDescription("Last and next tick of spec.schedule")
  private ScheduleStatus schedule;

  /** Conditions; {@code Scheduled} says whether the last tick's runs could be created. */
  @JsonPropertyDescription("Conditions; Scheduled says whether the last tick's runs were created")
  private List<Condition> conditions;

  public Instant getLastRun() {
    return lastRun;
  }

  public void setLastRun(Instant lastRun) {
    this.lastRun = lastRun;
  }

  public Integer getTotalRuns() {
    return totalRuns;
  }

  public void setTotalRuns(Integer totalRuns) {
    this.totalRuns = totalRuns;
  }

  public Double getSuccessRate() {
    return successRate;
  }

  public void setSuccessRate(Double successRate) {
    this.successRate = successRate;
  }

  public ScheduleStatus getSchedule() {
    return schedule;
  }

  public void setSchedule(ScheduleStatus schedule) {
    this.schedule = schedule;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}
