package dev.c8s.api.mcp;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * An output stream that keeps only the last lines written to it, so that the tail of a log of any
 * size is read in bounded memory.
 */
final class LogTail extends OutputStream {
  /** Longer lines are cut to this many bytes, so that one line cannot fill the memory. */
  static final int MAX_LINE_BYTES = 4096;

  private final int lines;
  private final Deque<String> kept = new ArrayDeque<>();
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private long total;
  private boolean cut;

  LogTail(int lines) {
    this.lines = lines;
  }

  @Override
  public void write(int b) {
    if (b == '\n') {
      endLine();
    } else if (line.size() < MAX_LINE_BYTES) {
      line.write(b);
    } else {
      cut = true;
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  private void endLine() {
    String text = line.toString(StandardCharsets.UTF_8);
    if (cut) {
      text += " [line cut at " + MAX_LINE_BYTES + " bytes]";
    }
    kept.addLast(text);
    if (kept.size() > lines) {
      kept.removeFirst();
    }
    total++;
    line.reset();
    cut = false;
  }

  /** The last lines, oldest first; a last line without a newline counts as a line. */
  List<String> lines() {
    if (line.size() > 0 || cut) {
      endLine();
    }
    return List.copyOf(kept);
  }

  /** How many lines the whole log had (valid after {@link #lines()}). */
  long total() {
    return total;
  }
}
