package dev.c8s.controller.logs;

import java.io.IOException;
import java.io.OutputStream;

/** Writes to the archive upload and the live segments alike. */
final class TeeStream extends OutputStream {
  private final OutputStream archive;
  private final OutputStream live;

  TeeStream(OutputStream archive, OutputStream live) {
    this.archive = archive;
    this.live = live;
  }

  @Override
  public void write(int b) throws IOException {
    archive.write(b);
    live.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    archive.write(b, off, len);
    live.write(b, off, len);
  }
}
