package dev.c8s.model.schedule;

import dev.c8s.model.schedule.CronField.Kind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * A standard five-field cron expression (minute hour day-of-month month day-of-week, as Kubernetes
 * CronJobs take it, with the {@code @hourly}-style macros), and the times it fires in a time zone.
 *
 * <p>When both day fields are restricted a day matches if either does (cron's long-standing rule).
 * Times are walked as wall-clock times: a time skipped when clocks go forward fires at the same
 * offset after the jump, and a time repeated when clocks go back fires once, at its first
 * occurrence.
 */
public final class CronExpression {
  /** How far ahead and back a search looks: long enough for every 29 February. */
  static final int SEARCH_DAYS = 366 * 8;

  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  private final String text;
  private final CronField minutes;
  private final CronField hours;
  private final CronField days;
  private final CronField months;
  private final CronField weekdays;

  private CronExpression(String text, CronField[] fields) {
    this.text = text;
    this.minutes = fields[0];
    this.hours = fields[1];
    this.days = fields[2];
    this.months = fields[3];
    this.weekdays = fields[4];
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException saying what is wrong and how to write it instead
   */
  public static CronExpression parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "the cron expression is empty; write five fields such as \"0 3 * * *\" or a macro such"
              + " as @daily");
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("TZ=") || trimmed.startsWith("CRON_TZ=")) {
      throw new IllegalArgumentException(
          "the cron expression names a time zone; move it to schedule.timeZone and keep the five"
              + " fields here");
    }
    String expanded = trimmed.startsWith("@") ? MACROS.get(trimmed) : trimmed;
    if (expanded == null) {
      throw new IllegalArgumentException(
          "unknown macro \"" + trimmed + "\"; use one of " + String.join(", ", MACROS.keySet()));
    }
    String[] parts = expanded.split("\\s+");
    if (parts.length != 5) {
      throw new IllegalArgumentException(
          "the cron expression has "
              + parts.length
              + " fields; write five: minute hour day-of-month month day-of-week (seconds and"
              + " years are not supported)");
    }
    Kind[] kinds = Kind.values();
    CronField[] fields = new CronField[5];
    for (int i = 0; i < 5; i++) {
      fields[i] = CronField.parse(kinds[i], parts[i]);
    }
    CronExpression cron = new CronExpression(trimmed, fields);
    cron.requireAPossibleDay();
    return cron;
  }

  /** The expression as written. */
  public String text() {
    return text;
  }

  /** The first time after {@code after} (strictly) that this expression fires in {@code zone}. */
  public Optional<ZonedDateTime> next(ZonedDateTime after, ZoneId zone) {
    LocalDateTime start =
        after.withZoneSameInstant(zone).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
    LocalDate day = start.toLocalDate();
    for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
      if (!dayMatches(day)) {
        continue;
      }
      LocalTime from = i == 0 ? start.toLocalTime() : LocalTime.MIDNIGHT;
      for (int h = from.getHour(); h < 24; h++) {
        if (!hours.allows(h)) {
          continue;
        }
        for (int m = h == from.getHour() ? from.getMinute() : 0; m < 60; m++) {
          if (minutes.allows(m)) {
            ZonedDateTime at = ZonedDateTime.ofLocal(day.atTime(h, m), zone, null);
            if (at.isAfter(after)) {
              return Optional.of(at);
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The last time at or before {@code atOrBefore} that this expression fired in {@code zone}. */
  public Optional<ZonedDateTime> previous(ZonedDateTime atOrBefore, ZoneId zone) {
    LocalDateTime end = atOrBefore.withZoneSameInstant(zone).toLocalDateTime();
    LocalDate day = end.toLocalDate();
    for (int i = 0; i < SEARCH_DAYS; i++, day = day.minusDays(1)) {
      if (!dayMatches(day)) {
        continue;
      }
      LocalTime to = i == 0 ? end.toLocalTime() : LocalTime.MAX;
      for (int h = to.getHour(); h >= 0; h--) {
        if (!hours.allows(h)) {
          continue;
        }
        for (int m = h == to.getHour() ? to.getMinute() : 59; m >= 0; m--) {
          if (minutes.allows(m)) {
            ZonedDateTime at = ZonedDateTime.ofLocal(day.atTime(h, m), zone, null);
            if (!at.isAfter(atOrBefore)) {
              return Optional.of(at);
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDate day) {
    if (!months.allows(day.getMonthValue())) {
      return false;
    }
    boolean dayOfMonth = days.allows(day.getDayOfMonth());
    boolean dayOfWeek = weekdays.allows(day.getDayOfWeek().getValue() % 7);
    if (days.unrestricted() || weekdays.unrestricted()) {
      return dayOfMonth && dayOfWeek;
    }
    return dayOfMonth || dayOfWeek;
  }

  /** Refuses expressions such as {@code 0 0 30 2 *} that name only days no month has. */
  private void requireAPossibleDay() {
    if (!weekdays.unrestricted()) {
      // A restricted day of week matches some day of every month.
      return;
    }
    for (int month = 1; month <= 12; month++) {
      if (!months.allows(month)) {
        continue;
      }
      int length = Month.of(month).maxLength();
      for (int day = 1; day <= length; day++) {
        if (days.allows(day)) {
          return;
        }
      }
    }
    throw new IllegalArgumentException(
        "the cron expression \""
            + text
            + "\" never fires: none of its months has any of its days of the month");
  }

  @Override
  public String toString() {
    return text;
  }
}
