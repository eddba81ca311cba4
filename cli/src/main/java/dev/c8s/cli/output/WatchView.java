package dev.c8s.cli.output;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code c8s runs --watch} prints after each poll. On a terminal the table is redrawn in place
 * (cursor up over the last frame, clear below); into a pipe or file only new and changed rows are
 * printed, one line each, so the output stays a readable log.
 */
public final class WatchView {
  private final boolean terminal;
  private final Style style;
  private final Map<String, String> seen = new HashMap<>();
  private int lastFrameLines;
  private boolean headerPrinted;

  public WatchView(boolean terminal, Style style) {
    this.terminal = terminal;
    this.style = style;
  }

  /** The text to print for this poll's rows (possibly empty), each line ending in a newline. */
  public String frame(List<RunRow> rows) {
    return terminal ? redraw(rows) : changes(rows);
  }

  private String redraw(List<RunRow> rows) {
    StringBuilder out = new StringBuilder();
    if (lastFrameLines > 0) {
      // Up to the first line of the previous frame, then erase everything below.
      out.append("\u001b[").append(lastFrameLines).append("F\u001b[J");
    }
    List<String> lines = RunTable.lines(rows, style);
    lines.forEach(l -> out.append(l).append('\n'));
    lastFrameLines = lines.size();
    return out.toString();
  }

  private String changes(List<RunRow> rows) {
    StringBuilder out = new StringBuilder();
    if (!headerPrinted) {
      out.append(String.join("   ", RunRow.HEADER)).append('\n');
      headerPrinted = true;
    }
    for (RunRow row : rows) {
      if (!row.signature().equals(seen.put(row.name(), row.signature()))) {
        out.append(RunTable.single(row, style)).append('\n');
      }
    }
    return out.toString();
  }
}
