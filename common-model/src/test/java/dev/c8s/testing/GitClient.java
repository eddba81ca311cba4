package dev.c8s.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.util.List;

/** The host's git (and ssh) run as a user would, for the git server tests. */
final class GitClient {
  private GitClient() {}

  /** Exit code and combined output of one command. */
  record Result(int exit, String output) {}

  /** Runs {@code command} in {@code dir}, never prompting for credentials. */
  static Result run(Path dir, String... command) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    return new Result(process.waitFor(), output);
  }
}
