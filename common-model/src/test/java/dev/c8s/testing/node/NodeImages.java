package dev.c8s.testing.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The images of the real test node, built locally by {@code scripts/node/prepare.sh}. */
public final class NodeImages {
  /** The sandbox image every pod starts with (containerd's {@code sandbox_image}). */
  public static final String PAUSE = "c8s.local/pause:3.10";

  /** A minimal step image: busybox's {@code sh} and coreutils-like applets. */
  public static final String STEP = "c8s.local/step:1";

  /** git, curl, tar and ca-certificates: the clone and artifact transfer containers. */
  public static final String HELPER = "c8s.local/c8s-helper:1";

  /** All three, in the order prepare.sh builds them. */
  public static final List<String> ALL = List.of(PAUSE, STEP, HELPER);

  /** The command that builds the images and installs the node's packages. */
  static final String PREPARE = "scripts/node/prepare.sh";

  private NodeImages() {}

  /** {@code $C8S_NODE_CACHE} or {@code ~/.cache/c8s-node}: where prepare.sh leaves the archives. */
  static Path cacheDir() {
    String property = System.getProperty("c8s.node.cache");
    String env = System.getenv("C8S_NODE_CACHE");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    return env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "c8s-node");
  }

  /**
   * The archive of each image, from the manifest prepare.sh writes; fails naming the missing image
   * and the command that builds it.
   */
  static Map<String, Path> archives() {
    Path manifest = cacheDir().resolve("images.manifest");
    Map<String, Path> listed = new LinkedHashMap<>();
    if (Files.isRegularFile(manifest)) {
      try {
        for (String line : Files.readAllLines(manifest)) {
          String[] parts = line.trim().split(" ", 2);
          if (parts.length == 2) {
            listed.put(parts[0], Path.of(parts[1]));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Map<String, Path> archives = new LinkedHashMap<>();
    for (String image : ALL) {
      Path archive = listed.get(image);
      if (archive == null || !Files.isRegularFile(archive)) {
        throw new IllegalStateException(
            "The real test node's image "
                + image
                + " is not built ("
                + (archive == null ? "not listed in " + manifest : archive + " is missing")
                + "). Build it with: sudo "
                + PREPARE
                + " (./mvnw verify runs it before the *E2E tests).");
      }
      archives.put(image, archive);
    }
    return archives;
  }
}
