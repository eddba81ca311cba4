package dev.c8s.cli;

/**
 * A failure the user can act on: its message is printed as {@code error: <message>} on stderr,
 * never with a stack trace, and the command exits with {@link #exitCode()}.
 */
public class CliException extends RuntimeException {
  private final int exitCode;

  /** A failure with a message for people and the exit code it ends the command with. */
  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** A failure of the operation (the API refused, a run failed): exit code 1. */
  public static CliException failed(String message) {
    return new CliException(ExitCodes.FAILED, message);
  }

  /** Input or configuration that cannot be used (file, kubeconfig, flags): exit code 2. */
  public static CliException unusable(String message) {
    return new CliException(ExitCodes.UNUSABLE, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
