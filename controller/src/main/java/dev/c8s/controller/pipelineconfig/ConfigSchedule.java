package dev.c8s.controller.pipelineconfig;

import dev.c8s.model.schedule.ScheduleDecision;
import dev.c8s.model.schedule.ScheduleReason;
import dev.c8s.model.v1alpha1.Condition;
import dev.c8s.model.v1alpha1.ConditionStatus;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineConfigStatus;
import dev.c8s.model.v1alpha1.PipelineSchedule;
import dev.c8s.model.v1alpha1.ScheduleStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One pass over a PipelineConfig's schedule: decide which tick is due, create its runs, and report
 * the schedule's status, its {@code Scheduled} condition and when to look again.
 */
final class ConfigSchedule {
  /** How soon a tick whose runs could not be created is tried again. */
  static final Duration RETRY = Duration.ofSeconds(30);

  /** Reasons that describe the last tick and stay until the next one. */
  private static final Set<ScheduleReason> LASTING =
      EnumSet.of(
          ScheduleReason.RunsCreated,
          ScheduleReason.Waiting,
          ScheduleReason.MissedDeadline,
          ScheduleReason.NoConnection,
          ScheduleReason.NoCredentials,
          ScheduleReason.BranchNotFound,
          ScheduleReason.ForgeRefused);

  /**
   * @param status the schedule's status, or null without a schedule
   * @param condition the {@code Scheduled} condition, or null without a schedule
   * @param wakeUp when to look again, or null when nothing is scheduled
   */
  record Result(ScheduleStatus status, Condition condition, Duration wakeUp) {}

  private ConfigSchedule() {}

  /**
   * @param exists whether a run of that name exists (the cache), so a tick already created costs no
   *     request
   */
  static Result reconcile(
      PipelineConfig config, Instant now, ScheduledRuns runs, Predicate<String> exists) {
    PipelineSchedule schedule = config.getSpec().getSchedule();
    if (schedule == null) {
      return new Result(null, null, null);
    }
    PipelineConfigStatus old = config.getStatus();
    ScheduleStatus before = old == null ? null : old.getSchedule();
    Condition previous = scheduled(old);
    long generation = generation(config);
    ScheduleDecision decision;
    try {
      decision = ScheduleDecision.decide(schedule, before, now);
    } catch (IllegalArgumentException e) {
      return new Result(
          before,
          condition(
              previous, false, ScheduleReason.InvalidSchedule, e.getMessage(), now, generation),
          null);
    }
    ScheduleStatus after = copy(before);
    after.setObserved(decision.observed());
    after.setNextScheduleTime(decision.next());
    Condition condition;
    Duration wakeUp = decision.next() == null ? null : until(now, decision.next());
    if (schedule.suspended()) {
      condition =
          condition(
              previous,
              false,
              ScheduleReason.Suspended,
              "spec.schedule.suspend is true; set it to false to resume (ticks missed meanwhile"
                  + " are not made up)",
              now,
              generation);
    } else if (decision.due() != null) {
      ScheduledRuns.Outcome outcome = runs.create(config, decision.due(), exists);
      boolean created = outcome.reason() == ScheduleReason.RunsCreated;
      if (outcome.retry()) {
        // The tick stays due: the next pass tries it again, until its deadline passes.
        after.setNextScheduleTime(before.getNextScheduleTime());
        wakeUp = RETRY;
      } else if (created) {
        after.setLastScheduleTime(decision.due());
        after.setLastScheduledRuns(outcome.runs());
      }
      String message =
          created || outcome.retry()
              ? outcome.message()
              : "the tick at " + decision.due() + " was skipped: " + outcome.message();
      condition = condition(previous, created, outcome.reason(), message, now, generation);
    } else if (decision.missed() != null) {
      condition =
          condition(
              previous,
              false,
              ScheduleReason.MissedDeadline,
              "the tick at "
                  + decision.missed()
                  + " was skipped: it was "
                  + Duration.between(decision.missed(), now).toSeconds()
                  + "s late, beyond startingDeadlineSeconds ("
                  + schedule.getStartingDeadlineSeconds()
                  + ")",
              now,
              generation);
    } else if (previous != null && LASTING.contains(reason(previous))) {
      // Still what the last tick came to, now also true of this generation.
      condition =
          condition(
              previous,
              previous.getStatus() == ConditionStatus.TRUE,
              reason(previous),
              previous.getMessage(),
              now,
              generation);
    } else {
      condition =
          condition(
              previous,
              true,
              ScheduleReason.Waiting,
              "the first tick is at " + decision.next(),
              now,
              generation);
    }
    return new Result(after, condition, wakeUp);
  }

  private static Duration until(Instant now, Instant next) {
    Duration wait = Duration.between(now, next);
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  private static Condition scheduled(PipelineConfigStatus status) {
    List<Condition> conditions = status == null ? null : status.getConditions();
    return conditions == null
        ? null
        : conditions.stream()
            .filter(c -> ScheduleReason.CONDITION.equals(c.getType()))
            .findFirst()
            .orElse(null);
  }

  private static ScheduleReason reason(Condition condition) {
    for (ScheduleReason reason : ScheduleReason.values()) {
      if (reason.name().equals(condition.getReason())) {
        return reason;
      }
    }
    return null;
  }

  /** The condition, keeping its transition time while its status stays the same. */
  private static Condition condition(
      Condition previous,
      boolean ok,
      ScheduleReason reason,
      String message,
      Instant now,
      long generation) {
    ConditionStatus status = ok ? ConditionStatus.TRUE : ConditionStatus.FALSE;
    Condition condition = new Condition(ScheduleReason.CONDITION, status, reason.name(), message);
    condition.setLastTransitionTime(
        previous != null
                && previous.getStatus() == status
                && previous.getLastTransitionTime() != null
            ? previous.getLastTransitionTime()
            : now);
    condition.setObservedGeneration(generation);
    return condition;
  }

  private static long generation(PipelineConfig config) {
    return Objects.requireNonNullElse(config.getMetadata().getGeneration(), 0L);
  }

  private static ScheduleStatus copy(ScheduleStatus before) {
    ScheduleStatus after = new ScheduleStatus();
    if (before != null) {
      after.setLastScheduleTime(before.getLastScheduleTime());
      after.setLastScheduledRuns(before.getLastScheduledRuns());
    }
    return after;
  }
}
