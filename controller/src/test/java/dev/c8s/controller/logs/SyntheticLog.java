package dev.c8s.controller.logs;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A log of any size generated on the fly (nothing held in memory): numbered lines, every tenth of
 * which prints {@code secret}, so masking can be checked on a stream far larger than the heap.
 */
final class SyntheticLog extends InputStream {
  private static final int SECRET_EVERY = 10;

  private final long size;
  private final String secret;
  private long produced;
  private long lineNumber;
  private long secrets;
  private byte[] line = new byte[0];
  private int linePos;

  SyntheticLog(long size, String secret) {
    this.size = size;
    this.secret = secret;
  }

  /** How many lines were produced so far. */
  public long lines() {
    return lineNumber;
  }

  /** How many times the secret was printed so far (complete lines only). */
  long secretsPrinted() {
    return secrets;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (produced >= size) {
      return -1;
    }
    int written = 0;
    while (written < length && produced < size) {
      if (linePos == line.length) {
        nextLine();
      }
      int n = (int) Math.min(Math.min(length - written, line.length - linePos), size - produced);
      System.arraycopy(line, linePos, buffer, offset + written, n);
      linePos += n;
      written += n;
      produced += n;
    }
    return written;
  }

  private void nextLine() {
    lineNumber++;
    boolean printsSecret = lineNumber % SECRET_EVERY == 0;
    String text =
        printsSecret
            ? String.format("%012d deploying with token %s to production%n", lineNumber, secret)
            : String.format(
                "%012d compiling module %d of the workspace, all fine%n",
                lineNumber, lineNumber % 97);
    line = text.getBytes(StandardCharsets.UTF_8);
    linePos = 0;
    if (printsSecret && produced + line.length <= size) {
      secrets++;
    }
  }
}
