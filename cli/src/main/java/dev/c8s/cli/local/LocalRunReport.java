package dev.c8s.cli.local;

import dev.c8s.cli.output.Ages;
import dev.c8s.cli.output.Style;
import dev.c8s.model.engine.StepLaunch;
import dev.c8s.model.masking.SecretMasker;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * What {@code c8s run-local} prints as a run goes: each step's start, its output prefixed with its
 * name, its result and duration, skipped steps with the reason; secret values masked in all of it.
 */
public final class LocalRunReport implements LocalRun.Listener {
  private final PrintWriter out;
  private final Style style;
  private final SecretMasker masker;
  private final ContainerEngine engine;
  private int ran;
  private int failed;
  private int skipped;

  /** A report printing to {@code out}; {@code engine} is where the steps run. */
  public LocalRunReport(PrintWriter out, Style style, SecretMasker masker, ContainerEngine engine) {
    this.out = out;
    this.style = style;
    this.masker = masker;
    this.engine = engine;
  }

  @Override
  public void starting(StepLaunch launch) {
    out.println(
        style.bold("==> " + launch.name())
            + style.dim(
                engine == ContainerEngine.none
                    ? " (host shell; image " + masker.mask(launch.image()) + " not used)"
                    : " (" + masker.mask(launch.image()) + " in " + engine + ")"));
    out.flush();
  }

  /** One line of a step's output. */
  public void output(String step, String line) {
    out.println(style.dim("[" + step + "] ") + masker.mask(line));
    out.flush();
  }

  @Override
  public void finished(String step, StepProcess.Exit exit, Duration took) {
    ran++;
    String time = " in " + Ages.precise(took);
    if (exit.exitCode() == 0) {
      out.println(style.green("<== " + step + " succeeded" + time));
    } else {
      failed++;
      out.println(
          style.red(
              "<== "
                  + step
                  + (exit.timedOut()
                      ? " timed out (stopped, exit code " + exit.exitCode() + ")"
                      : " failed with exit code " + exit.exitCode())
                  + time));
    }
    out.flush();
  }

  @Override
  public void skipped(String step, String message) {
    skipped++;
    out.println(style.yellow("--- " + step + " skipped: " + masker.mask(message)));
    out.flush();
  }

  /** The closing line. */
  public void summary(LocalRun.Outcome outcome, Duration took) {
    String counts =
        ran
            + " step"
            + (ran == 1 ? "" : "s")
            + " ran, "
            + failed
            + " failed, "
            + skipped
            + " skipped";
    String phase = style.phase(outcome.phase().name());
    out.println(
        style.bold("run-local: ")
            + phase
            + (outcome.message() == null ? "" : " - " + masker.mask(outcome.message()))
            + " ("
            + counts
            + ", "
            + Ages.precise(took)
            + ")");
    out.flush();
  }
}
