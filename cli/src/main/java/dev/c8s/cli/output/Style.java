package dev.c8s.cli.output;

import java.io.Console;
import java.util.Map;

/**
 * Colours for a terminal, plain text for pipes: ANSI codes only when stdout is a terminal, {@code
 * NO_COLOR} is unset (no-color.org) and {@code --no-color} was not given.
 */
public final class Style {
  private static final String RESET = "\u001b[0m";

  private final boolean colour;

  private Style(boolean colour) {
    this.colour = colour;
  }

  /** With colours, or plain. */
  public static Style of(boolean colour) {
    return new Style(colour);
  }

  /** The style for this process: colours only on a terminal without NO_COLOR and --no-color. */
  public static Style detect(boolean noColorFlag, Map<String, String> env) {
    String noColor = env.get("NO_COLOR");
    return new Style(!noColorFlag && (noColor == null || noColor.isEmpty()) && stdoutIsTerminal());
  }

  /** Whether stdout is a terminal (so cursor movement and colours make sense). */
  public static boolean stdoutIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // Since Java 22 System.console() also exists when output is redirected; isTerminal() tells.
    // Called reflectively: the CLI is compiled for Java 21, where a console means a terminal.
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true;
    }
  }

  public boolean colour() {
    return colour;
  }

  /** A run or step phase coloured by what it means: green done, red failed, yellow under way. */
  public String phase(String phase) {
    if (phase == null) {
      return "";
    }
    return switch (phase) {
      case "Succeeded" -> paint("32", phase);
      case "Failed" -> paint("31", phase);
      case "Running" -> paint("33", phase);
      case "Cancelled", "Skipped" -> paint("35", phase);
      default -> phase;
    };
  }

  public String bold(String text) {
    return paint("1", text);
  }

  public String dim(String text) {
    return paint("2", text);
  }

  public String red(String text) {
    return paint("31", text);
  }

  public String green(String text) {
    return paint("32", text);
  }

  public String yellow(String text) {
    return paint("33", text);
  }

  private String paint(String code, String text) {
    return colour ? "\u001b[" + code + "m" + text + RESET : text;
  }
}
