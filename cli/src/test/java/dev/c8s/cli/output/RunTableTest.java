package dev.c8s.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run table: its columns, ages, alignment, and colours only when asked for. */
class RunTableTest {
  static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");

  static PipelineRun run(String name, RunPhase phase, Instant start, Instant end) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).build());
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setPipelineConfigRef("webapp");
    spec.setCommit("4f2a9c1e7b0d");
    spec.setBranch("main");
    run.setSpec(spec);
    if (phase != null) {
      PipelineRunStatus status = new PipelineRunStatus();
      status.setPhase(phase);
      status.setStartTime(start);
      status.setCompletionTime(end);
      run.setStatus(status);
    }
    return run;
  }

  @Test
  void aRowShowsTheShortCommitHowLongAgoItStartedAndHowLongItRan() {
    RunRow row =
        RunRow.of(
            run("webapp-x7k2p", RunPhase.Succeeded, NOW.minusSeconds(3725), NOW.minusSeconds(3600)),
            NOW);

    assertThat(row.cells())
        .containsExactly(
            "webapp-x7k2p", "webapp", "main", "4f2a9c1", "Succeeded", "1h2m ago", "2m5s");
  }

  @Test
  void aRunTheControllerHasNotSeenIsPendingWithoutTimes() {
    assertThat(RunRow.of(run("fresh", null, null, null), NOW).cells())
        .containsExactly("fresh", "webapp", "main", "4f2a9c1", "Pending", "", "");
  }

  @Test
  void aRunningRunsDurationCountsToNow() {
    assertThat(RunRow.of(run("r", RunPhase.Running, NOW.minusSeconds(45), null), NOW).duration())
        .isEqualTo("45s");
  }

  @Test
  void columnsAreAlignedAndPlainWithoutColour() {
    List<String> lines =
        RunTable.lines(
            List.of(
                RunRow.of(run("a", RunPhase.Running, NOW.minusSeconds(5), null), NOW),
                RunRow.of(run("longer-name", RunPhase.Failed, NOW.minusSeconds(9), NOW), NOW)),
            Style.of(false));

    assertThat(lines.get(0)).startsWith("NAME          PIPELINE   BRANCH   COMMIT    PHASE");
    assertThat(lines.get(1)).startsWith("a             webapp     main     4f2a9c1   Running ");
    assertThat(lines.get(2)).startsWith("longer-name   webapp     main     4f2a9c1   Failed  ");
    assertThat(String.join("\n", lines)).doesNotContain("\u001b[");
  }

  @Test
  void withColourThePhaseIsColouredAndTheColumnsStillLineUp() {
    List<String> lines =
        RunTable.lines(
            List.of(RunRow.of(run("a", RunPhase.Failed, NOW.minusSeconds(5), NOW), NOW)),
            Style.of(true));

    assertThat(lines.get(1)).contains("\u001b[31mFailed\u001b[0m");
    String plain = lines.get(1).replaceAll("\u001b\\[[0-9;]*m", "");
    String header = lines.get(0).replaceAll("\u001b\\[[0-9;]*m", "");
    assertThat(plain.indexOf("Failed")).isEqualTo(header.indexOf("PHASE"));
  }

  @Test
  void agesUseTheTwoLargestUnits() {
    assertThat(Ages.format(Duration.ofSeconds(59))).isEqualTo("59s");
    assertThat(Ages.format(Duration.ofSeconds(60))).isEqualTo("1m");
    assertThat(Ages.format(Duration.ofSeconds(7200))).isEqualTo("2h");
    assertThat(Ages.format(Duration.ofDays(3).plusHours(4))).isEqualTo("3d");
    assertThat(Ages.format(Duration.ofSeconds(-5))).isEqualTo("0s");
    assertThat(Ages.precise(Duration.ofMillis(1234))).isEqualTo("1.2s");
  }
}
