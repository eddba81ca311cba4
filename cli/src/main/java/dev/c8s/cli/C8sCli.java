package dev.c8s.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code c8s} command: subcommands for people and scripts working with c8s pipelines. */
@Command(
    name = "c8s",
    mixinStandardHelpOptions = true,
    version = "c8s 0.1.0",
    description =
        "Works with c8s pipelines: validate and run them locally without a cluster; list, trigger,"
            + " cancel and rerun runs and read their logs through the c8s API server.",
    footer = {
      "",
      "Exit codes: 0 done; 1 the operation failed (the API refused it or is unreachable, a run or"
          + " step failed, a manifest is invalid); 2 unusable input (flags, files, kubeconfig,"
          + " no server configured). run-local exits with the first failing step's code."
    },
    subcommands = {
      RunsCommand.class,
      LogsCommand.class,
      TriggerCommand.class,
      CancelCommand.class,
      RerunCommand.class,
      ValidateCommand.class,
      RunLocalCommand.class
    })
public final class C8sCli {
  private final Map<String, String> env;

  /** The command as a process runs it, reading this process's environment. */
  public C8sCli() {
    this(System.getenv());
  }

  /** The command reading {@code env} instead of the process environment (C8S_SERVER, ...). */
  public C8sCli(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The environment variables the command reads. */
  Map<String, String> env() {
    return env;
  }

  /** The command line with this process's environment, ready to execute. */
  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /**
   * The command line reading {@code env}, ready to execute: errors become one {@code error:} line
   * and an exit code (see {@link ExitCodes}), never a stack trace.
   */
  public static CommandLine commandLine(Map<String, String> env) {
    return new CommandLine(new C8sCli(env))
        .setExecutionExceptionHandler(new CliErrors())
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  public static void main(String[] args) {
    // The model's libraries log through SLF4J, which otherwise warns on stderr that no logger is
    // bound: noise in a command's output.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    System.exit(commandLine().execute(args));
  }
}
