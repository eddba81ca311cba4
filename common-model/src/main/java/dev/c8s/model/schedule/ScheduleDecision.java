package dev.c8s.model.schedule;

import dev.c8s.model.v1alpha1.PipelineSchedule;
import dev.c8s.model.v1alpha1.ScheduleStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * What a PipelineConfig's schedule asks for at one moment, decided from the schedule, its status
 * and the time alone.
 *
 * <p>Only the latest tick since the last one handled is ever due, so a controller that was down for
 * a day starts one run, not one per missed tick; a schedule that is new, changed or resumed starts
 * afresh from now.
 *
 * @param due the tick whose runs to create now, or null
 * @param missed a tick skipped because its {@code startingDeadlineSeconds} passed, or null
 * @param next the next tick, or null while suspended
 * @param observed the schedule the times belong to (expression and zone), kept in the status
 */
public record ScheduleDecision(Instant due, Instant missed, Instant next, String observed) {

  /**
   * Decides for {@code schedule} with status {@code status} at {@code now}.
   *
   * @throws IllegalArgumentException when the cron expression or time zone is invalid (validation
   *     refuses such a PipelineConfig at admission)
   */
  public static ScheduleDecision decide(
      PipelineSchedule schedule, ScheduleStatus status, Instant now) {
    CronExpression cron = CronExpression.parse(schedule.getCron());
    ZoneId zone = ScheduleZones.of(schedule.timeZoneOrDefault());
    String observed = cron.text() + " (" + zone.getId() + ")";
    if (schedule.suspended()) {
      return new ScheduleDecision(null, null, null, observed);
    }
    ZonedDateTime at = now.atZone(zone);
    Instant next = cron.next(at, zone).map(ZonedDateTime::toInstant).orElse(null);
    boolean tracking =
        status != null
            && observed.equals(status.getObserved())
            && status.getNextScheduleTime() != null;
    if (!tracking) {
      return new ScheduleDecision(null, null, next, observed);
    }
    Instant latest = cron.previous(at, zone).map(ZonedDateTime::toInstant).orElse(null);
    if (latest == null || latest.isBefore(status.getNextScheduleTime())) {
      return new ScheduleDecision(null, null, next, observed);
    }
    Long deadline = schedule.getStartingDeadlineSeconds();
    if (deadline != null && Duration.between(latest, now).getSeconds() > deadline) {
      return new ScheduleDecision(null, latest, next, observed);
    }
    return new ScheduleDecision(latest, null, next, observed);
  }
}
