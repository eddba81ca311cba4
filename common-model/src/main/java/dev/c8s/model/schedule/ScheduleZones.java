package dev.c8s.model.schedule;

import java.time.DateTimeException;
import java.time.ZoneId;

/** Time zones a schedule may name: IANA region names, as CronJob's {@code timeZone} takes them. */
public final class ScheduleZones {
  private ScheduleZones() {}

  /**
   * The zone named {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name or a fixed offset such as {@code +02:00}
   */
  public static ZoneId of(String name) {
    if (name == null || !ZoneId.getAvailableZoneIds().contains(name)) {
      throw new IllegalArgumentException(
          "unknown time zone \""
              + name
              + "\"; use an IANA name such as UTC, Europe/Berlin or America/New_York");
    }
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "unknown time zone \"" + name + "\"; use an IANA name such as Europe/Berlin", e);
    }
  }
}
