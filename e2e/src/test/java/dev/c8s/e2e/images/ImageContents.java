package dev.c8s.e2e.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

/**
 * A service image's Java runtime and application, unpacked from its archive so the e2e platform
 * runs the services on exactly what the image holds (its jlink'ed runtime must be enough for them).
 */
public record ImageContents(Path java, Path jar) {

  /**
   * The unpacked runtime and app layers of {@code service}'s image, when the images were built
   * (system property {@code c8s.images.manifest}); empty otherwise.
   */
  public static Optional<ImageContents> of(String service) {
    String manifest = System.getProperty("c8s.images.manifest");
    if (manifest == null || !Files.isRegularFile(Path.of(manifest))) {
      return Optional.empty();
    }
    ServiceImage image =
        ServiceImage.listed(Path.of(manifest)).stream()
            .filter(i -> i.service().equals(service))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("no image of " + service + " in " + manifest));
    var layers = image.manifest().get("Layers");
    // Named after the app layer's digest: a rebuilt image is unpacked afresh.
    String digest = layers.get(layers.size() - 1).asText().substring(0, 12);
    Path root = Path.of("target/image-roots", service + "-" + digest).toAbsolutePath();
    try {
      if (!Files.isDirectory(root)) {
        Path unpacking = root.resolveSibling(root.getFileName() + ".unpacking");
        deleteRecursively(unpacking);
        Files.createDirectories(unpacking);
        // Layers 2 and 3: the runtime (/opt/java) and the application (/deployments).
        for (int i = 1; i < layers.size(); i++) {
          untar(image.archive(), layers.get(i).asText(), unpacking);
        }
        Files.move(unpacking, root);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(
        new ImageContents(
            root.resolve("opt/java/bin/java"), root.resolve("deployments/quarkus-run.jar")));
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (Files.exists(path)) {
      try (var paths = Files.walk(path)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static void untar(Path archive, String layer, Path into) throws IOException {
    Process tar =
        new ProcessBuilder(
                "bash",
                "-o",
                "pipefail",
                "-c",
                "tar -xOf \"$0\" \"$1\" | tar -x -C \"$2\"",
                archive.toString(),
                layer,
                into.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(tar.getInputStream().readAllBytes());
    try {
      if (tar.waitFor() != 0) {
        throw new IOException("unpacking " + layer + " of " + archive + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
