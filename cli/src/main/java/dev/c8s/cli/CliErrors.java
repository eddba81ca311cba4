package dev.c8s.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any exception a command throws into one {@code error: ...} line on stderr and an exit code:
 * people get a sentence to act on, never a stack trace.
 */
final class CliErrors implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof CliException known) {
      err.println("error: " + known.getMessage());
      err.flush();
      return known.exitCode();
    }
    // A bug or an environment we did not foresee: still one line, naming what happened.
    err.println(
        "error: "
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage())
            + " (unexpected; please report it)");
    err.flush();
    return ExitCodes.FAILED;
  }
}
