package dev.c8s.model.validation;

import dev.c8s.model.schedule.CronExpression;
import dev.c8s.model.schedule.ScheduleZones;
import dev.c8s.model.v1alpha1.PipelineSchedule;

/** Checks {@code spec.schedule}: its cron expression, time zone, branch and deadline. */
final class ScheduleValidator {
  private ScheduleValidator() {}

  static void validate(Problems problems, String path, PipelineSchedule schedule) {
    if (schedule == null) {
      return;
    }
    if (Texts.isBlank(schedule.getCron())) {
      problems.error(
          path + ".cron",
          "the schedule has no cron expression; write five fields such as \"0 3 * * *\" (03:00"
              + " daily) or a macro such as @daily",
          "cron expression",
          schedule.getCron());
    } else {
      try {
        CronExpression.parse(schedule.getCron());
      } catch (IllegalArgumentException e) {
        problems.error(path + ".cron", e.getMessage(), "cron expression", schedule.getCron());
      }
    }
    if (schedule.getTimeZone() != null) {
      try {
        ScheduleZones.of(schedule.getTimeZone());
      } catch (IllegalArgumentException e) {
        problems.error(
            path + ".timeZone", e.getMessage(), "IANA time zone", schedule.getTimeZone());
      }
    }
    if (schedule.getBranch() == null) {
      problems.error(
          path + ".branch",
          "the schedule names no branch; set the branch whose head each scheduled run builds,"
              + " such as main",
          GitBranches.EXPECTED,
          null);
    } else {
      GitBranches.problem(schedule.getBranch())
          .ifPresent(
              problem ->
                  problems.error(
                      path + ".branch", problem, GitBranches.EXPECTED, schedule.getBranch()));
    }
    Long deadline = schedule.getStartingDeadlineSeconds();
    if (deadline != null && deadline < 1) {
      problems.error(
          path + ".startingDeadlineSeconds",
          "startingDeadlineSeconds must be at least 1; remove it to start a late tick however late"
              + " it is",
          "integer of at least 1",
          deadline);
    }
  }
}
