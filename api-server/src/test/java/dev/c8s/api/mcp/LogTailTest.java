package dev.c8s.api.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogTailTest {
  private static LogTail written(int keep, String text) {
    LogTail tail = new LogTail(keep);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    tail.write(bytes, 0, bytes.length);
    return tail;
  }

  @Test
  void keepsOnlyTheLastLinesAndCountsAll() {
    LogTail tail = written(2, "one\ntwo\nthree\nfour\n");
    assertThat(tail.lines()).containsExactly("three", "four");
    assertThat(tail.total()).isEqualTo(4);
  }

  @Test
  void aLastLineWithoutNewlineCounts() {
    LogTail tail = written(5, "one\ntwo");
    assertThat(tail.lines()).containsExactly("one", "two");
    assertThat(tail.total()).isEqualTo(2);
  }

  @Test
  void aHugeLineIsCutAndSaysSo() {
    LogTail tail = written(1, "x".repeat(LogTail.MAX_LINE_BYTES + 10) + "\n");
    assertThat(tail.lines().get(0))
        .startsWith("x".repeat(LogTail.MAX_LINE_BYTES))
        .endsWith("[line cut at " + LogTail.MAX_LINE_BYTES + " bytes]");
  }

  @Test
  void multibyteTextSurvives() {
    assertThat(written(1, "grün ✓\n").lines()).containsExactly("grün ✓");
  }
}
