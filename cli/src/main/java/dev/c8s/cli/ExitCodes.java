package dev.c8s.cli;

/** The exit codes of every {@code c8s} command, as docs/cli.md lists them. */
public final class ExitCodes {
  /** Done; for {@code trigger -w} every run succeeded. */
  public static final int OK = 0;

  /**
   * The operation failed: the API server refused it or could not be reached, a run or step failed,
   * a manifest is invalid.
   */
  public static final int FAILED = 1;

  /**
   * What was given cannot be used: a bad flag, an unreadable file or kubeconfig, no server or
   * credentials configured.
   */
  public static final int UNUSABLE = 2;

  private ExitCodes() {}
}
