package dev.c8s.testing.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

  /** The manifest prepare.sh writes: {@code <image> <archive>} lines and the template root. */
  private static Map<String, Path> manifest() {
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
    return listed;
  }

  /**
   * Fills a fresh containerd root with prepare.sh's template (the images imported and unpacked):
   * hard links, except the bolt databases, which containerd writes in place and are copied. False
   * when there is no template or it cannot be linked; the caller imports the archives then.
   */
  static boolean seedContainerdRoot(Path root) {
    Path template = manifest().get("containerd-root");
    if (template == null || !Files.isDirectory(template) || Files.exists(root)) {
      return false;
    }
    try {
      Files.createDirectories(root.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // cp -a keeps what the snapshots are made of: modes, owners, xattrs, whiteout devices.
    if (!HostCommands.run("cp", "-al", template.toString(), root.toString()).ok()) {
      HostState.deleteTree(root);
      return false;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path db : files.filter(f -> f.toString().endsWith(".db")).toList()) {
        Files.delete(db);
        Files.copy(template.resolve(root.relativize(db)), db, StandardCopyOption.COPY_ATTRIBUTES);
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The archive of each image, from the manifest prepare.sh writes; fails naming the missing image
   * and the command that builds it.
   */
  static Map<String, Path> archives() {
    Path manifest = cacheDir().resolve("images.manifest");
    Map<String, Path> listed = manifest();
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
