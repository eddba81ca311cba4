package dev.c8s.api.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds artifact archives the way the controller's upload does: tar.gz, paths under "./". */
public final class Archives {
  private Archives() {}

  /** A tar.gz with a directory entry for each file's folder and the files in map order. */
  public static byte[] tarGz(Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        int slash = file.getKey().lastIndexOf('/');
        if (slash > 0) {
          tar.putArchiveEntry(new TarArchiveEntry("./" + file.getKey().substring(0, slash) + "/"));
          tar.closeArchiveEntry();
        }
        TarArchiveEntry entry = new TarArchiveEntry("./" + file.getKey());
        entry.setSize(file.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(file.getValue());
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
