package dev.c8s.cli;

import dev.c8s.cli.api.C8sApi;
import dev.c8s.model.v1alpha1.PipelineRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code c8s cancel RUN}: asks the controller to stop a run. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description =
        "Cancels a run: the controller stops its running steps, skips the pending ones and ends"
            + " it Cancelled. A run that has already ended is refused (exit 1).")
final class CancelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerOptions server;

  @Parameters(paramLabel = "RUN", description = "The PipelineRun to cancel")
  String run;

  @Override
  public Integer call() {
    C8sApi api = server.connect();
    PipelineRun cancelled = api.cancel(run);
    spec.commandLine()
        .getOut()
        .println(
            cancelled.getMetadata().getName()
                + ": cancellation requested; the controller stops it shortly");
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
