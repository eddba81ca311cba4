package dev.c8s.model.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepLogKeysTest {
  @Test
  void theArchiveIsTheStepsLogFileUnderItsRun() {
    assertThat(StepLogKeys.archive("team-a", "webapp-1", "test"))
        .isEqualTo("team-a/webapp-1/test.log");
  }

  @Test
  void liveSegmentsSitInAFolderBesideTheArchiveAndSortInWritingOrder() {
    assertThat(StepLogKeys.liveSegment("team-a", "webapp-1", "test", 7))
        .isEqualTo("team-a/webapp-1/test.log.live/00000007")
        .startsWith(StepLogKeys.liveSegments("team-a", "webapp-1", "test"));
    assertThat(StepLogKeys.liveSegment("n", "r", "s", 10))
        .isGreaterThan(StepLogKeys.liveSegment("n", "r", "s", 9));
  }
}
