package dev.c8s.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code c8s} command: subcommands for people and scripts working with c8s pipelines. */
@Command(
    name = "c8s",
    mixinStandardHelpOptions = true,
    version = "c8s 0.1.0",
    description = "Works with c8s pipelines: validate them offline (more commands to come).",
    subcommands = {ValidateCommand.class})
public final class C8sCli {
  private C8sCli() {}

  /** The command line, ready to execute; exit codes: 0 fine, 1 invalid, 2 unusable input. */
  public static CommandLine commandLine() {
    return new CommandLine(new C8sCli());
  }

  public static void main(String[] args) {
    // The model's libraries log through SLF4J, which otherwise warns on stderr that no logger is
    // bound: noise in a command's output.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    System.exit(commandLine().execute(args));
  }
}
