package dev.c8s.cli.output;

import java.util.ArrayList;
import java.util.List;

/** Runs as an aligned table, the phase coloured when the style has colours. */
public final class RunTable {
  private static final int PHASE = RunRow.HEADER.indexOf("PHASE");

  private RunTable() {}

  /** The header and one line per row, columns padded to the widest cell. */
  public static List<String> lines(List<RunRow> rows, Style style) {
    int[] widths = new int[RunRow.HEADER.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(RunRow.HEADER);
    rows.forEach(r -> all.add(r.cells()));
    for (List<String> cells : all) {
      for (int i = 0; i < cells.size(); i++) {
        widths[i] = Math.max(widths[i], cells.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(style.bold(line(RunRow.HEADER, widths, null)));
    rows.forEach(r -> lines.add(line(r.cells(), widths, style)));
    return lines;
  }

  /** One row on its own, for output that prints changes line by line (no alignment). */
  public static String single(RunRow row, Style style) {
    return line(row.cells(), new int[RunRow.HEADER.size()], style);
  }

  private static String line(List<String> cells, int[] widths, Style style) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      // Pad before colouring: escape codes have no width on screen.
      String padded = i == cells.size() - 1 ? cell : pad(cell, widths[i]);
      line.append(
          style != null && i == PHASE && !cell.isEmpty()
              ? padded.replace(cell, style.phase(cell))
              : padded);
      if (i < cells.size() - 1) {
        line.append("   ");
      }
    }
    return line.toString().stripTrailing();
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
