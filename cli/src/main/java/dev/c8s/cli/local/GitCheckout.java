package dev.c8s.cli.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The commit and branch of a local git checkout, for the COMMIT_SHA and BRANCH a run sees and the
 * branch conditions it evaluates; empty when git or a checkout is not there.
 */
public final class GitCheckout {
  private GitCheckout() {}

  /** {@code git rev-parse HEAD} in {@code dir}. */
  public static Optional<String> commit(Path dir) {
    return git(dir, "rev-parse", "HEAD");
  }

  /** The checked-out branch in {@code dir}; empty on a detached HEAD. */
  public static Optional<String> branch(Path dir) {
    return git(dir, "rev-parse", "--abbrev-ref", "HEAD").filter(b -> !"HEAD".equals(b));
  }

  private static Optional<String> git(Path dir, String... args) {
    String[] argv = new String[args.length + 1];
    argv[0] = "git";
    System.arraycopy(args, 0, argv, 1, args.length);
    try {
      Process process =
          new ProcessBuilder(argv)
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return process.exitValue() == 0 && !out.isBlank()
          ? Optional.of(out.strip())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // no git here
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
