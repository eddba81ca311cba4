package dev.c8s.cli;

import dev.c8s.cli.local.ContainerEngine;
import dev.c8s.cli.local.GitCheckout;
import dev.c8s.cli.local.LocalRun;
import dev.c8s.cli.local.LocalRunReport;
import dev.c8s.cli.local.LocalSecrets;
import dev.c8s.cli.local.StepCommands;
import dev.c8s.cli.local.StepProcess;
import dev.c8s.model.engine.MatrixExpansion;
import dev.c8s.model.engine.StepLaunch;
import dev.c8s.model.masking.SecretMasker;
import dev.c8s.model.v1alpha1.PipelineConfigSpec;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code c8s run-local FILE}: a pipeline's steps on this machine, without a cluster. */
@Command(
    name = "run-local",
    mixinStandardHelpOptions = true,
    description =
        "Runs a PipelineConfig's steps on this machine without a cluster, in the order and with"
            + " the conditions the cluster applies, sharing one workspace directory. With docker"
            + " or podman on PATH each step runs in its image; without, in the host shell (said"
            + " so). Exit code: 0 when all steps succeeded, else the first failing step's.")
final class RunLocalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DisplayOptions display;

  @Parameters(paramLabel = "FILE", description = "Manifest with the PipelineConfig; - reads stdin")
  String file;

  @Option(names = "--pipeline", paramLabel = "NAME", description = "Which PipelineConfig of FILE")
  String pipeline;

  @Option(
      names = "--step",
      paramLabel = "STEP",
      description = "Run only this step (repeatable); the others count as skipped")
  List<String> steps;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description = "docker, podman or none (host shell); default: the first found on PATH")
  ContainerEngine engine;

  @Option(
      names = "--workdir",
      paramLabel = "DIR",
      description = "The workspace shared by the steps (default: the current directory)")
  Path workdir;

  @Option(
      names = "--secret",
      paramLabel = "NAME=VALUE",
      description = "Value of a step's secret variable (default: NAME from the environment)")
  Map<String, String> secrets = new HashMap<>();

  @Option(names = "--branch", paramLabel = "BRANCH", description = "Branch (default: git's)")
  String branch;

  @Option(names = "--commit", paramLabel = "SHA", description = "Commit (default: git's HEAD)")
  String commit;

  @Option(
      names = "--matrix",
      paramLabel = "K=V[,K=V...]",
      description = "The matrix combination to run (default: the first)")
  String matrix;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PipelineConfigSpec pipelineSpec = LocalPipelineFile.read(file, pipeline, out, err).getSpec();
    Path workspace = workspace();
    Set<String> only = selected(pipelineSpec);
    Map<String, String> env = ((C8sCli) spec.root().userObject()).env();
    Map<String, String> secretValues =
        LocalSecrets.resolve(
            pipelineSpec.getSteps().stream()
                .filter(s -> only.isEmpty() || only.contains(s.getName()))
                .toList(),
            secrets,
            env);
    SecretMasker masker = new SecretMasker(secretValues.values());
    ContainerEngine.Choice choice =
        ContainerEngine.choose(engine, env.get("PATH"), ContainerEngine::answers);
    ContainerEngine chosen = choice.engine();
    PipelineRunSpec run = runSpec(pipelineSpec, workspace, err);
    if (chosen == ContainerEngine.none) {
      err.println(
          "notice: "
              + (choice.passedOver() == null
                  ? "no container engine (docker or podman)"
                  : choice.passedOver())
              + ": the steps run in this machine's shell"
              + " (sh -c) in "
              + workspace
              + ", WITHOUT their images; tools the images provide must be installed here");
    }
    err.flush();
    LocalRunReport report = new LocalRunReport(out, display.style(), masker, chosen);
    Instant start = Instant.now();
    LocalRun.Outcome outcome =
        LocalRun.run(
            pipelineSpec,
            run,
            only,
            launch -> execute(launch, chosen, workspace, env, secretValues, report),
            report,
            Clock.systemUTC());
    report.summary(outcome, Duration.between(start, Instant.now()));
    return outcome.exitCode();
  }

  private StepProcess.Exit execute(
      StepLaunch launch,
      ContainerEngine chosen,
      Path workspace,
      Map<String, String> env,
      Map<String, String> secretValues,
      LocalRunReport report)
      throws InterruptedException {
    Map<String, String> stepSecrets = new HashMap<>();
    for (StepSecret secret : launch.secrets()) {
      String name = LocalSecrets.variable(secret);
      stepSecrets.put(name, secretValues.get(name));
    }
    List<String> argv =
        chosen == ContainerEngine.none
            ? StepCommands.hostShell(launch.commands())
            : StepCommands.container(
                chosen,
                workspace,
                launch.env(),
                List.copyOf(stepSecrets.keySet()),
                launch.image(),
                launch.commands());
    // The user's environment (PATH; DOCKER_HOST for an engine), then the step's own variables:
    // in a container they arrive through -e, the secrets' values from the engine's environment.
    Map<String, String> processEnv = new HashMap<>(env);
    if (chosen == ContainerEngine.none) {
      processEnv.putAll(launch.env());
    }
    processEnv.putAll(stepSecrets);
    try {
      return StepProcess.run(
          argv,
          processEnv,
          workspace,
          launch.timeout(),
          line -> report.output(launch.name(), line));
    } catch (IOException e) {
      throw CliException.failed(
          "step " + launch.name() + " could not be started: " + e.getMessage());
    }
  }

  private Path workspace() {
    Path dir = (workdir == null ? Path.of("") : workdir).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw CliException.unusable("--workdir " + dir + " is not a directory");
    }
    return dir;
  }

  private Set<String> selected(PipelineConfigSpec pipelineSpec) {
    Set<String> only = new LinkedHashSet<>(steps == null ? List.of() : steps);
    List<String> names = pipelineSpec.getSteps().stream().map(Step::getName).toList();
    for (String name : only) {
      if (!names.contains(name)) {
        throw CliException.unusable(
            "--step "
                + name
                + ": the pipeline has no such step (it has "
                + String.join(", ", names)
                + ")");
      }
    }
    return only;
  }

  private PipelineRunSpec runSpec(
      PipelineConfigSpec pipelineSpec, Path workspace, PrintWriter err) {
    PipelineRunSpec run = new PipelineRunSpec();
    run.setCommit(commit != null ? commit : GitCheckout.commit(workspace).orElse("0000000"));
    run.setBranch(branch != null ? branch : GitCheckout.branch(workspace).orElse(null));
    boolean conditional =
        pipelineSpec.getSteps().stream()
            .anyMatch(s -> s.getConditional() != null && s.getConditional().getBranch() != null);
    if (run.getBranch() == null && conditional) {
      err.println(
          "notice: no branch known (not a git checkout; pass --branch): steps with a branch"
              + " condition are skipped");
    }
    List<Map<String, String>> combinations = MatrixExpansion.combinations(pipelineSpec.getMatrix());
    if (matrix != null) {
      Map<String, String> wanted = TriggerCommand.combination(matrix);
      if (!combinations.contains(wanted)) {
        throw CliException.unusable(
            "--matrix "
                + matrix
                + " is not a combination of the pipeline's matrix: "
                + combinations);
      }
      run.setMatrixIndex(wanted);
    } else if (!combinations.isEmpty() && !combinations.get(0).isEmpty()) {
      run.setMatrixIndex(combinations.get(0));
      if (combinations.size() > 1) {
        err.println(
            "notice: the matrix has "
                + combinations.size()
                + " combinations; running "
                + combinations.get(0)
                + " (choose with --matrix)");
      }
    }
    return run;
  }
}
