package dev.c8s.model.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scheduled run names: one per tick and combination, whoever computes them, as DNS labels. */
class RunNamesTest {
  private static final Instant TICK = Instant.parse("2026-11-30T03:00:00Z");

  @Test
  void theSameTickAlwaysGetsTheSameName() {
    assertThat(RunNames.scheduled("nightly", TICK, Map.of("os", "linux", "jdk", "21")))
        .isEqualTo(RunNames.scheduled("nightly", TICK, Map.of("jdk", "21", "os", "linux")))
        .startsWith("nightly-")
        .hasSize("nightly-".length() + RunNames.HASH_LENGTH);
  }

  @Test
  void anotherTickOrCombinationGetsAnotherName() {
    String name = RunNames.scheduled("nightly", TICK, Map.of("os", "linux"));

    assertThat(RunNames.scheduled("nightly", TICK.plusSeconds(60), Map.of("os", "linux")))
        .isNotEqualTo(name);
    assertThat(RunNames.scheduled("nightly", TICK, Map.of("os", "mac"))).isNotEqualTo(name);
  }

  @Test
  void aLongDottedConfigNameStillGivesADnsLabel() {
    String name = RunNames.scheduled("a.very-long-pipeline-name".repeat(4), TICK, Map.of());

    assertThat(name).hasSizeLessThanOrEqualTo(RunNames.MAX_LENGTH).matches("[a-z0-9-]+");
  }
}
