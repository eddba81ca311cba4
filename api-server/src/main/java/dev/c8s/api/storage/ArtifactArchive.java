package dev.c8s.api.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Reads a step's artifact archive (tar.gz) as a stream, never holding it in memory. */
public final class ArtifactArchive {
  private ArtifactArchive() {}

  /**
   * One file in the archive.
   *
   * @param path workspace-relative path, for example {@code dist/app.jar}
   * @param size size in bytes
   */
  @Schema(
      name = "ArtifactEntry",
      requiredProperties = {"path", "size"})
  public record Entry(String path, long size) {}

  /** The regular files of the archive, in archive order. */
  public static List<Entry> list(InputStream archive) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (TarArchiveInputStream tar = open(archive)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isFile()) {
          entries.add(new Entry(normalise(entry.getName()), entry.getSize()));
        }
      }
    }
    return entries;
  }

  /**
   * The archive positioned at the file {@code path}: reading it yields that file's content only.
   * Empty (and the archive closed) when there is no such file.
   */
  public static Optional<Positioned> find(InputStream archive, String path) throws IOException {
    TarArchiveInputStream tar = open(archive);
    try {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isFile() && normalise(entry.getName()).equals(normalise(path))) {
          return Optional.of(
              new Positioned(new Entry(normalise(entry.getName()), entry.getSize()), tar));
        }
      }
    } catch (IOException | RuntimeException e) {
      tar.close();
      throw e;
    }
    tar.close();
    return Optional.empty();
  }

  /**
   * An archive stream positioned at one file.
   *
   * @param entry the file
   * @param content its bytes (close it to close the archive)
   */
  public record Positioned(Entry entry, InputStream content) {}

  private static TarArchiveInputStream open(InputStream archive) throws IOException {
    return new TarArchiveInputStream(new GZIPInputStream(archive, 64 * 1024));
  }

  // tar -C dir -czf ... . writes "./dist/app.jar"; clients ask for "dist/app.jar".
  private static String normalise(String name) {
    String result = name;
    while (result.startsWith("./")) {
      result = result.substring(2);
    }
    while (result.startsWith("/")) {
      result = result.substring(1);
    }
    return result;
  }
}
