package dev.c8s.testing.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Short host commands (ip, nft, umount, ctr) with their output, for setting up and cleaning up. */
final class HostCommands {
  /** What a command printed (stdout and stderr together) and how it ended. */
  record Result(List<String> command, int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }

    /** Throws with the command and its output unless it succeeded. */
    Result orThrow() {
      if (!ok()) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited with " + exitCode + ": " + output.strip());
      }
      return this;
    }
  }

  private HostCommands() {}

  static Result run(String... command) {
    return run(null, 60, command);
  }

  /** Runs {@code command} with {@code stdin} (may be null), giving up after the timeout. */
  static Result run(String stdin, int timeoutSeconds, String... command) {
    List<String> list = new ArrayList<>(List.of(command));
    list.set(0, resolve(list.get(0)));
    Path output = null;
    try {
      // Output goes to a file, not a reader thread: callers run on pool threads that a reader
      // task queued behind them would deadlock.
      output = Files.createTempFile("c8s-node-cmd", ".out");
      Process process =
          new ProcessBuilder(list)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      try (var in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        return new Result(list, -1, "timed out after " + timeoutSeconds + " s");
      }
      return new Result(list, process.exitValue(), Files.readString(output));
    } catch (IOException e) {
      // A missing binary: report it like a failed command, the caller decides.
      return new Result(list, -1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(list, -1, "interrupted");
    } finally {
      if (output != null) {
        output.toFile().delete();
      }
    }
  }

  /** Whether {@code name} is an executable on the PATH (or an absolute executable path). */
  static boolean onPath(String name) {
    return Files.isExecutable(Path.of(resolve(name)));
  }

  /** The absolute path of {@code name} on the PATH, else {@code name} itself. */
  static String resolve(String name) {
    if (name.startsWith("/")) {
      return name;
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    List<String> dirs = new ArrayList<>(List.of(path.split(":")));
    // Root's sbin folders (nft, ip, iptables) are not always on a test JVM's PATH.
    dirs.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"));
    return dirs.stream()
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, name))
        .filter(Files::isExecutable)
        .map(Path::toString)
        .findFirst()
        .orElse(name);
  }

  /** Reads a small file such as a sysctl, or null when it does not exist. */
  static String read(Path file) {
    try {
      return new String(readBytes(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Reads a whole file through a stream: on JDK 25, {@code Files.readString} and {@code
   * readAllBytes} return only the first byte of /proc files (which report size 0).
   */
  static byte[] readBytes(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readAllBytes();
    }
  }
}
