package dev.c8s.cli.output;

import static dev.c8s.cli.output.RunTableTest.NOW;
import static dev.c8s.cli.output.RunTableTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.RunPhase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each poll of {@code runs --watch} prints, on a terminal and into a pipe. */
class WatchViewTest {
  private static RunRow row(String name, RunPhase phase, long ranSeconds) {
    return RunRow.of(
        run(name, phase, NOW.minusSeconds(ranSeconds), phase == RunPhase.Running ? null : NOW),
        NOW);
  }

  @Test
  void onATerminalEveryPollRedrawsTheTableOverThePreviousOne() {
    WatchView view = new WatchView(true, Style.of(false));

    String first = view.frame(List.of(row("a", RunPhase.Running, 5)));
    String second =
        view.frame(List.of(row("a", RunPhase.Succeeded, 9), row("b", RunPhase.Running, 1)));

    assertThat(first).doesNotContain("\u001b[").contains("NAME").contains("Running");
    // up two lines (header and one row) to the start of the last frame, erase below, redraw
    assertThat(second).startsWith("\u001b[2F\u001b[J").contains("Succeeded");
    assertThat(second.lines()).hasSize(3);
  }

  @Test
  void intoAPipeOnlyNewAndChangedRunsArePrintedAsLines() {
    WatchView view = new WatchView(false, Style.of(false));

    String first =
        view.frame(List.of(row("a", RunPhase.Running, 5), row("b", RunPhase.Running, 5)));
    // a still runs (only its duration grew), b ended, c is new
    String second =
        view.frame(
            List.of(
                RunRow.of(
                    run("a", RunPhase.Running, NOW.minusSeconds(5), null), NOW.plusSeconds(2)),
                row("b", RunPhase.Failed, 5),
                row("c", RunPhase.Running, 1)));
    String third = view.frame(List.of(row("c", RunPhase.Running, 1)));

    assertThat(first.lines()).hasSize(3).first().asString().startsWith("NAME");
    assertThat(second.lines()).hasSize(2);
    assertThat(second.lines().toList().get(0)).startsWith("b ").contains("Failed");
    assertThat(second.lines().toList().get(1)).startsWith("c ").contains("Running");
    assertThat(third).isEmpty();
    assertThat(first + second).doesNotContain("\u001b[");
  }
}
