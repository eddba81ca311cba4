package dev.c8s.controller.pipelineconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigPassPacingTest {
  private final ConfigPassPacing pacing = new ConfigPassPacing();
  private final ResourceID web = new ResourceID("web", "team-a");

  @Test
  void aConfigNeverPassedPassesAtOnce() {
    assertThat(pacing.waitBeforePass(web)).isEmpty();
  }

  @Test
  void aSecondPassWithinTheIntervalWaitsForAtMostItsRestAndOtherConfigsDoNot() {
    pacing.passing(web);

    assertThat(pacing.waitBeforePass(web))
        .hasValueSatisfying(
            wait ->
                assertThat(wait)
                    .isPositive()
                    .isLessThanOrEqualTo(ConfigPassPacing.INTERVAL)
                    // Whole milliseconds: the SDK would round a rest below 1 ms down to no wait.
                    .isEqualTo(Duration.ofMillis(wait.toMillis())));
    assertThat(pacing.waitBeforePass(new ResourceID("web", "team-b"))).isEmpty();
    assertThat(pacing.waitBeforePass(new ResourceID("api", "team-a"))).isEmpty();
  }
}
