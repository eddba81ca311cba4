package dev.c8s.cli;

import dev.c8s.cli.output.Style;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How output looks: colours on a terminal unless NO_COLOR or {@code --no-color}. */
final class DisplayOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--no-color", description = "No colours, even on a terminal (also: NO_COLOR=1)")
  boolean noColor;

  Style style() {
    return Style.detect(noColor, ((C8sCli) mixee.root().userObject()).env());
  }
}
