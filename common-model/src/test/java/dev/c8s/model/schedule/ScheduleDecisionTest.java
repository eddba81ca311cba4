package dev.c8s.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineSchedule;
import dev.c8s.model.v1alpha1.ScheduleStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which tick is due, missed or next, from the schedule, its status and the time alone. */
class ScheduleDecisionTest {
  private static final String DAILY = "0 3 * * * (UTC)";

  private static PipelineSchedule daily(Long deadline) {
    PipelineSchedule schedule = new PipelineSchedule();
    schedule.setCron("0 3 * * *");
    schedule.setBranch("main");
    schedule.setStartingDeadlineSeconds(deadline);
    return schedule;
  }

  private static ScheduleStatus status(String observed, String next) {
    ScheduleStatus status = new ScheduleStatus();
    status.setObserved(observed);
    status.setNextScheduleTime(next == null ? null : Instant.parse(next));
    return status;
  }

  private static ScheduleDecision decide(
      PipelineSchedule schedule, ScheduleStatus status, String now) {
    return ScheduleDecision.decide(schedule, status, Instant.parse(now));
  }

  @Test
  void aNewScheduleStartsAfreshWithoutRunningThePastTick() {
    ScheduleDecision decision = decide(daily(null), null, "2026-11-29T10:00:00Z");

    assertThat(decision.due()).isNull();
    assertThat(decision.missed()).isNull();
    assertThat(decision.next()).isEqualTo("2026-11-30T03:00:00Z");
    assertThat(decision.observed()).isEqualTo(DAILY);
  }

  @Test
  void beforeTheNextTickNothingIsDue() {
    ScheduleDecision decision =
        decide(daily(null), status(DAILY, "2026-11-30T03:00:00Z"), "2026-11-30T02:59:59Z");

    assertThat(decision.due()).isNull();
    assertThat(decision.next()).isEqualTo("2026-11-30T03:00:00Z");
  }

  @Test
  void theTickIsDueOnceItsTimeHasCome() {
    ScheduleDecision decision =
        decide(daily(null), status(DAILY, "2026-11-30T03:00:00Z"), "2026-11-30T03:00:01Z");

    assertThat(decision.due()).isEqualTo("2026-11-30T03:00:00Z");
    assertThat(decision.next()).isEqualTo("2026-12-01T03:00:00Z");
  }

  @Test
  void afterDowntimeOnlyTheLatestMissedTickIsDue() {
    ScheduleDecision decision =
        decide(daily(null), status(DAILY, "2026-11-30T03:00:00Z"), "2026-12-04T12:00:00Z");

    assertThat(decision.due()).isEqualTo("2026-12-04T03:00:00Z");
    assertThat(decision.missed()).isNull();
    assertThat(decision.next()).isEqualTo("2026-12-05T03:00:00Z");
  }

  @Test
  void aTickPastItsStartingDeadlineIsMissedNotRun() {
    ScheduleDecision decision =
        decide(daily(300L), status(DAILY, "2026-11-30T03:00:00Z"), "2026-11-30T03:05:01Z");

    assertThat(decision.due()).isNull();
    assertThat(decision.missed()).isEqualTo("2026-11-30T03:00:00Z");
    assertThat(decision.next()).isEqualTo("2026-12-01T03:00:00Z");
  }

  @Test
  void aTickWithinItsStartingDeadlineStillRuns() {
    ScheduleDecision decision =
        decide(daily(300L), status(DAILY, "2026-11-30T03:00:00Z"), "2026-11-30T03:05:00Z");

    assertThat(decision.due()).isEqualTo("2026-11-30T03:00:00Z");
  }

  @Test
  void aChangedScheduleStartsAfresh() {
    ScheduleDecision decision =
        decide(
            daily(null), status("0 4 * * * (UTC)", "2026-11-30T04:00:00Z"), "2026-12-02T12:00:00Z");

    assertThat(decision.due()).isNull();
    assertThat(decision.next()).isEqualTo("2026-12-03T03:00:00Z");
  }

  @Test
  void aSuspendedScheduleHasNoNextTickAndResumesWithoutMakingUpMissedOnes() {
    PipelineSchedule suspended = daily(null);
    suspended.setSuspend(true);

    ScheduleDecision whileSuspended =
        decide(suspended, status(DAILY, "2026-11-30T03:00:00Z"), "2026-12-02T12:00:00Z");
    ScheduleDecision resumed = decide(daily(null), status(DAILY, null), "2026-12-05T12:00:00Z");

    assertThat(whileSuspended.due()).isNull();
    assertThat(whileSuspended.next()).isNull();
    assertThat(resumed.due()).isNull();
    assertThat(resumed.next()).isEqualTo("2026-12-06T03:00:00Z");
  }

  @Test
  void theTimeZoneIsPartOfTheScheduleAndOfItsTicks() {
    PipelineSchedule berlin = daily(null);
    berlin.setTimeZone("Europe/Berlin");

    ScheduleDecision decision =
        decide(
            berlin,
            status("0 3 * * * (Europe/Berlin)", "2026-11-30T02:00:00Z"),
            "2026-11-30T02:00:00Z");

    assertThat(decision.due()).isEqualTo("2026-11-30T02:00:00Z");
    assertThat(decision.next()).isEqualTo("2026-12-01T02:00:00Z");
  }
}
