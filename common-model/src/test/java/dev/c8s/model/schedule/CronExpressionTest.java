package dev.c8s.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cron expressions as CronJobs read them: the next and previous tick, and every refusal. */
class CronExpressionTest {

  @ParameterizedTest(name = "{0} after {1} in {2} is {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          * * * * *          | 2026-11-29T10:15:30 | UTC              | 2026-11-29T10:16Z
          0 3 * * *          | 2026-11-29T10:15    | UTC              | 2026-11-30T03:00Z
          0 3 * * *          | 2026-11-29T02:59    | UTC              | 2026-11-29T03:00Z
          0 3 * * *          | 2026-11-29T03:00    | UTC              | 2026-11-30T03:00Z
          */15 * * * *       | 2026-11-29T10:46    | UTC              | 2026-11-29T11:00Z
          5/20 * * * *       | 2026-11-29T10:26    | UTC              | 2026-11-29T10:45Z
          0 9-17/4 * * *     | 2026-11-29T10:00    | UTC              | 2026-11-29T13:00Z
          0 0 * * MON-FRI    | 2026-11-27T12:00    | UTC              | 2026-11-30T00:00Z
          0 0 * * 7          | 2026-11-27T12:00    | UTC              | 2026-11-29T00:00Z
          0 0 * * 1/2        | 2026-11-27T12:00    | UTC              | 2026-11-30T00:00Z
          0 0 1,15 * *       | 2026-11-15T00:00    | UTC              | 2026-12-01T00:00Z
          0 0 1 jan *        | 2026-11-15T00:00    | UTC              | 2027-01-01T00:00Z
          0 0 29 2 *         | 2026-03-01T00:00    | UTC              | 2028-02-29T00:00Z
          0 0 13 * FRI       | 2026-11-01T00:00    | UTC              | 2026-11-06T00:00Z
          @hourly            | 2026-11-29T10:15    | UTC              | 2026-11-29T11:00Z
          @weekly            | 2026-11-29T10:15    | UTC              | 2026-12-06T00:00Z
          @yearly            | 2026-11-29T10:15    | UTC              | 2027-01-01T00:00Z
          0 3 * * *          | 2026-11-29T10:15    | Europe/Berlin    | 2026-11-30T02:00Z
          0 3 * * *          | 2026-07-01T10:15    | Europe/Berlin    | 2026-07-02T01:00Z
          30 2 * * *         | 2026-03-28T12:00    | Europe/Berlin    | 2026-03-29T01:30Z
          30 2 * * *         | 2026-10-24T12:00    | Europe/Berlin    | 2026-10-25T00:30Z
          0 0 * * *          | 2026-11-29T10:15    | America/New_York | 2026-11-30T05:00Z
          """)
  void nextIsTheFirstTickStrictlyAfter(String cron, String after, String zone, String expected) {
    ZonedDateTime from = ZonedDateTime.parse(after + "Z").withZoneSameInstant(ZoneId.of("UTC"));

    ZonedDateTime next = CronExpression.parse(cron).next(from, ZoneId.of(zone)).orElseThrow();

    assertThat(next.toInstant()).isEqualTo(ZonedDateTime.parse(expected).toInstant());
  }

  @ParameterizedTest(name = "{0} at or before {1} in {2} is {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0 3 * * *          | 2026-11-29T10:15    | UTC              | 2026-11-29T03:00Z
          0 3 * * *          | 2026-11-29T03:00    | UTC              | 2026-11-29T03:00Z
          0 3 * * *          | 2026-11-29T02:59:59 | UTC              | 2026-11-28T03:00Z
          */15 * * * *       | 2026-11-29T10:44:59 | UTC              | 2026-11-29T10:30Z
          0 0 * * MON-FRI    | 2026-11-29T12:00    | UTC              | 2026-11-27T00:00Z
          0 0 29 2 *         | 2026-03-01T00:00    | UTC              | 2024-02-29T00:00Z
          0 3 * * *          | 2026-11-29T10:15    | Europe/Berlin    | 2026-11-29T02:00Z
          30 2 * * *         | 2026-03-29T01:10    | Europe/Berlin    | 2026-03-28T01:30Z
          """)
  void previousIsTheLastTickAtOrBefore(String cron, String at, String zone, String expected) {
    ZonedDateTime to = ZonedDateTime.parse(at + "Z").withZoneSameInstant(ZoneId.of("UTC"));

    ZonedDateTime previous = CronExpression.parse(cron).previous(to, ZoneId.of(zone)).orElseThrow();

    assertThat(previous.toInstant()).isEqualTo(ZonedDateTime.parse(expected).toInstant());
  }

  @ParameterizedTest(name = "\"{0}\" is refused: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''                | the cron expression is empty
          0 3 * *           | has 4 fields; write five
          0 0 3 * * *       | has 6 fields; write five
          60 * * * *        | minute field "60" has 60, outside 0-59
          * 24 * * *        | hour field "24" has 24, outside 0-23
          * * 0 * *         | day of month field "0" has 0, outside 1-31
          * * * 13 *        | month field "13" has 13, outside 1-12 (names JAN-DEC work too)
          * * * * 8         | day of week field "8" has 8, outside 0-7 (names SUN-SAT work too)
          * * * * MON-      | day of week field "MON-" has value "", not a number
          */0 * * * *       | minute field "*/0" has step 0
          5-1 * * * *       | minute field "5-1" has the range "5-1" running backwards
          1,,2 * * * *      | minute field "1,,2" has an empty list element
          1-2-3 * * * *     | has a malformed range "1-2-3"
          x * * * *         | minute field "x" has value "x", not a number
          @every5m          | unknown macro "@every5m"
          TZ=UTC 0 3 * * *  | move it to schedule.timeZone
          0 0 31 4,6 *      | never fires
          """)
  void malformedExpressionsAreRefusedWithWhatIsWrong(String cron, String message) {
    assertThatThrownBy(() -> CronExpression.parse(cron))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
