package dev.c8s.cli;

import dev.c8s.cli.api.C8sApi;
import dev.c8s.model.v1alpha1.PipelineRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code c8s rerun RUN [--from-failed]}: a new run of the same pipeline and commit. */
@Command(
    name = "rerun",
    mixinStandardHelpOptions = true,
    description =
        "Runs a run's pipeline again at the same commit, branch and matrix combination and prints"
            + " the new run's name. With --from-failed the new run resumes a failed or cancelled"
            + " run: its succeeded steps are reused, only the others run.")
final class RerunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerOptions server;

  @Parameters(paramLabel = "RUN", description = "The PipelineRun to run again")
  String run;

  @Option(
      names = "--from-failed",
      description = "Resume from the failed steps, reusing the succeeded ones")
  boolean fromFailed;

  @Override
  public Integer call() {
    C8sApi api = server.connect();
    PipelineRun created = api.rerun(run, fromFailed);
    spec.commandLine().getOut().println(created.getMetadata().getName());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
