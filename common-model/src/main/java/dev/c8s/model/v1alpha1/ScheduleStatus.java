package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.List;

/** Where a PipelineConfig's schedule stands: the tick last acted on and the next one. */
@JsonClassDescription("Where the schedule stands: last and next tick")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScheduleStatus {

  /** The schedule these times belong to: cron expression and time zone. */
  @JsonPropertyDescription(
      "The cron expression and time zone these times were computed for; a changed schedule starts"
          + " afresh from the time of the change")
  private String observed;

  /** The tick whose runs were created last. */
  @JsonPropertyDescription("The tick whose runs were created last")
  private Instant lastScheduleTime;

  /** The first tick not yet handled; in the past while a tick waits for a retry. */
  @JsonPropertyDescription(
      "The next tick; a time in the past means that tick has not been handled yet (see the"
          + " Scheduled condition)")
  private Instant nextScheduleTime;

  /** Names of the runs created for {@code lastScheduleTime}. */
  @JsonPropertyDescription("The PipelineRuns created for lastScheduleTime")
  private List<String> lastScheduledRuns;

  public String getObserved() {
    return observed;
  }

  public void setObserved(String observed) {
    this.observed = observed;
  }

  public Instant getLastScheduleTime() {
    return lastScheduleTime;
  }

  public void setLastScheduleTime(Instant lastScheduleTime) {
    this.lastScheduleTime = lastScheduleTime;
  }

  public Instant getNextScheduleTime() {
    return nextScheduleTime;
  }

  public void setNextScheduleTime(Instant nextScheduleTime) {
    this.nextScheduleTime = nextScheduleTime;
  }

  public List<String> getLastScheduledRuns() {
    return lastScheduledRuns;
  }

  public void setLastScheduledRuns(List<String> lastScheduledRuns) {
    this.lastScheduledRuns = lastScheduledRuns;
  }
}
