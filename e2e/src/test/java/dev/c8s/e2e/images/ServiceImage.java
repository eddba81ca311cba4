package dev.c8s.e2e.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One service image as scripts/images/build-services.sh wrote it: a docker-archive, with its name,
 * size, manifest and OCI config read back from the archive itself.
 */
public record ServiceImage(
    String name, Path archive, long size, JsonNode manifest, JsonNode config) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The images listed in {@code manifest} (lines of "image archive size"). */
  public static List<ServiceImage> listed(Path manifest) {
    if (!Files.isRegularFile(manifest)) {
      throw new IllegalStateException(
          manifest + " is missing: the e2e build runs scripts/images/build-services.sh first");
    }
    try {
      return Files.readAllLines(manifest).stream().map(ServiceImage::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ServiceImage read(String line) {
    String[] parts = line.split(" ");
    Path archive = Path.of(parts[1]);
    try {
      JsonNode manifest = JSON.readTree(entry(archive, "manifest.json")).get(0);
      JsonNode config = JSON.readTree(entry(archive, manifest.get("Config").asText()));
      return new ServiceImage(parts[0], archive, Long.parseLong(parts[2]), manifest, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One file of the archive, read with tar. */
  static byte[] entry(Path archive, String name) throws IOException {
    Process tar = new ProcessBuilder("tar", "-xOf", archive.toString(), name).start();
    byte[] bytes = tar.getInputStream().readAllBytes();
    try {
      if (tar.waitFor() != 0) {
        throw new IOException("tar could not read " + name + " from " + archive);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return bytes;
  }

  /** The service's short name: {@code controller}, {@code api-server} or {@code webhook}. */
  String service() {
    String repository = name.substring(name.lastIndexOf('/') + 1, name.lastIndexOf(':'));
    return repository.substring("c8s-".length());
  }
}
