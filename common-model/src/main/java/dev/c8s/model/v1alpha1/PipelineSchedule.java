package dev.c8s.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** When the pipeline runs on its own: a cron schedule, and the branch whose head it builds. */
@JsonClassDescription(
    "Runs the pipeline on a cron schedule, building the head of a branch at each tick")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PipelineSchedule {
  /** Time zone of the cron expression when none is given. */
  public static final String DEFAULT_TIME_ZONE = "UTC";

  /** Five-field cron expression, or a macro such as {@code @daily}. */
  @Required
  @JsonPropertyDescription(
      "Cron expression: minute hour day-of-month month day-of-week (as CronJobs take it), or"
          + " @hourly, @daily, @weekly, @monthly, @yearly")
  private String cron;

  /** IANA time zone the cron expression is read in. */
  @Default(DEFAULT_TIME_ZONE)
  @JsonPropertyDescription(
      "IANA time zone of the cron expression, such as Europe/Berlin (default UTC)")
  private String timeZone;

  /** Branch whose head commit each scheduled run builds. */
  @Required
  @JsonPropertyDescription(
      "Branch to build; each tick builds its head commit, read from the provider with the"
          + " RepositoryConnection's credentials")
  private String branch;

  /** How late a tick may still start; later ones are skipped. */
  @Min(1)
  @JsonPropertyDescription(
      "Seconds after a tick within which its run may still start (for example after the"
          + " controller was down); a later tick is skipped. Unset: no deadline, but only the"
          + " latest missed tick ever runs")
  private Long startingDeadlineSeconds;

  /** True: no scheduled runs until set back to false; missed ticks are not made up. */
  @JsonPropertyDescription(
      "True to stop scheduled runs; ticks missed while suspended are not made up")
  private Boolean suspend;

  public String getCron() {
    return cron;
  }

  public void setCron(String cron) {
    this.cron = cron;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public String getBranch() {
    return branch;
  }

  public void setBranch(String branch) {
    this.branch = branch;
  }

  public Long getStartingDeadlineSeconds() {
    return startingDeadlineSeconds;
  }

  public void setStartingDeadlineSeconds(Long startingDeadlineSeconds) {
    this.startingDeadlineSeconds = startingDeadlineSeconds;
  }

  public Boolean getSuspend() {
    return suspend;
  }

  public void setSuspend(Boolean suspend) {
    this.suspend = suspend;
  }

  /** The time zone in effect: {@code timeZone}, else UTC. */
  public String timeZoneOrDefault() {
    return timeZone == null || timeZone.isBlank() ? DEFAULT_TIME_ZONE : timeZone;
  }

  /** Whether scheduled runs are stopped. */
  public boolean suspended() {
    return Boolean.TRUE.equals(suspend);
  }
}
