package dev.c8s.model.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectKeysTest {
  @Test
  void theArchivedLogIsTheStepsLogFileUnderItsRun() {
    assertThat(ObjectKeys.log("team-a", "webapp-1", "test")).isEqualTo("team-a/webapp-1/test.log");
  }

  @Test
  void liveSegmentsSitInAFolderBesideTheArchiveAndSortInWritingOrder() {
    assertThat(ObjectKeys.liveSegment("team-a", "webapp-1", "test", 7))
        .isEqualTo("team-a/webapp-1/test.log.live/00000007")
        .startsWith(ObjectKeys.liveSegments("team-a", "webapp-1", "test"));
    assertThat(ObjectKeys.liveSegment("n", "r", "s", 10))
        .isGreaterThan(ObjectKeys.liveSegment("n", "r", "s", 9));
  }

  @Test
  void artifactsAreOneArchivePerStepInTheStepsFolder() {
    assertThat(ObjectKeys.artifacts("team-a", "webapp-1", "build"))
        .isEqualTo("team-a/webapp-1/build/artifacts.tar.gz");
  }

  @Test
  void aUrlTheControllerWritesParsesBackToItsBucketAndKey() {
    String url = ObjectKeys.url("c8s-logs", ObjectKeys.log("team-a", "webapp-1", "test"));

    assertThat(url).isEqualTo("s3://c8s-logs/team-a/webapp-1/test.log");
    assertThat(ObjectKeys.parse(url))
        .contains(new ObjectKeys.Location("c8s-logs", "team-a/webapp-1/test.log"));
  }

  @Test
  void urlsOfAnotherFormOrWithoutBucketOrKeyDoNotParse() {
    assertThat(ObjectKeys.parse(null)).isEmpty();
    assertThat(ObjectKeys.parse("https://bucket/key")).isEmpty();
    assertThat(ObjectKeys.parse("s3:///key")).isEmpty();
    assertThat(ObjectKeys.parse("s3://bucket/")).isEmpty();
    assertThat(ObjectKeys.parse("s3://bucket")).isEmpty();
  }
}
