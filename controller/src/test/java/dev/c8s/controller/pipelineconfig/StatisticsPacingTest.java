package dev.c8s.controller.pipelineconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatisticsPacingTest {
  private final StatisticsPacing pacing = new StatisticsPacing();
  private final ResourceID web = new ResourceID("web", "team-a");

  @Test
  void aConfigNeverWrittenIsWrittenAtOnce() {
    assertThat(pacing.waitBeforeWrite(web)).isEmpty();
  }

  @Test
  void aSecondWriteWithinTheIntervalWaitsForItsRestAndOtherConfigsDoNot() {
    pacing.wrote(web);

    assertThat(pacing.waitBeforeWrite(web))
        .hasValueSatisfying(
            wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(StatisticsPacing.INTERVAL));
    assertThat(pacing.waitBeforeWrite(new ResourceID("web", "team-b"))).isEmpty();
    assertThat(pacing.waitBeforeWrite(new ResourceID("api", "team-a"))).isEmpty();
  }

  @Test
  void theWaitNeverExceedsTheInterval() {
    pacing.wrote(web);
    Duration wait = pacing.waitBeforeWrite(web).orElseThrow();
    assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(1));
  }
}
