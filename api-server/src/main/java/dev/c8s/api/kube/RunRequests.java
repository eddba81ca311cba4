package dev.c8s.api.kube;

import dev.c8s.api.auth.Caller;
import dev.c8s.api.problem.ApiException;
import dev.c8s.model.engine.MatrixExpansion;
import dev.c8s.model.v1alpha1.C8s;
import dev.c8s.model.v1alpha1.NewRun;
import dev.c8s.model.v1alpha1.PipelineConfig;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.RunPhase;
import dev.c8s.model.validation.PipelineRunValidator;
import dev.c8s.model.validation.ValidationError;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds and creates the runs of a trigger or a rerun, validated before anything is created. */
@ApplicationScoped
public class RunRequests {
  /** Annotation on a rerun naming the run it repeats. */
  public static final String RERUN_OF = C8s.GROUP + "/rerun-of";

  private final PipelineConfigs configs;
  private final PipelineRuns runs;
  private final PipelineRunValidator validator = new PipelineRunValidator();
  private final Clock clock = Clock.systemUTC();

  RunRequests(PipelineConfigs configs, PipelineRuns runs) {
    this.configs = configs;
    this.runs = runs;
  }

  /**
   * One run per requested matrix combination (all combinations when none are given). 400 without a
   * commit, 404 without the PipelineConfig, 422 with field paths of the request for an invalid
   * commit or branch, or a combination the config does not allow.
   */
  public List<PipelineRun> trigger(
      String namespace, String configName, TriggerRequest request, Caller caller) {
    if (request.commit() == null) {
      throw ApiException.badRequest("commit is required: the SHA of the commit to build");
    }
    PipelineConfig config = configs.get(namespace, configName);
    List<Map<String, String>> allowed =
        MatrixExpansion.combinations(
            config.getSpec() == null ? null : config.getSpec().getMatrix());
    List<ValidationError> errors = new ArrayList<>();
    List<Map<String, String>> chosen =
        request.matrix() == null || request.matrix().isEmpty()
            ? allowed
            : chosenCombinations(request.matrix(), allowed, configName, errors);
    List<PipelineRun> toCreate = new ArrayList<>();
    for (Map<String, String> combination : chosen) {
      PipelineRun run =
          run(namespace, configName, request.commit(), request.branch(), combination, caller);
      validator.validate(run).errors().stream().map(RunRequests::requestField).forEach(errors::add);
      toCreate.add(run);
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(
          "the trigger request is invalid", errors.stream().distinct().toList());
    }
    return toCreate.stream().map(r -> runs.create(namespace, r)).toList();
  }

  /**
   * A new run of the same PipelineConfig, commit, branch and matrix combination; 409 when the
   * PipelineConfig no longer exists or no longer allows the combination.
   */
  public PipelineRun rerun(String namespace, String runName, Caller caller) {
    PipelineRun original = runs.get(namespace, runName);
    return runs.create(namespace, repeat(namespace, runName, original, caller));
  }

  /**
   * A new run that resumes {@code runName} from its failed steps ({@code spec.resumeFrom}): the
   * same commit and pipeline snapshot, its succeeded steps reused; 409 unless it failed or was
   * cancelled after starting.
   */
  public PipelineRun resume(String namespace, String runName, Caller caller) {
    PipelineRun original = runs.get(namespace, runName);
    PipelineRunStatus status = original.getStatus();
    RunPhase phase = status == null ? null : status.getPhase();
    if (phase != RunPhase.Failed && phase != RunPhase.Cancelled) {
      throw ApiException.conflict(
          "run \""
              + runName
              + "\" is "
              + (phase == null ? "not started" : phase)
              + "; only a failed or cancelled run can be resumed from its failed steps (rerun it"
              + " without from=failed to run it all again)");
    }
    if (status.getPipelineSpec() == null) {
      throw ApiException.conflict(
          "run \""
              + runName
              + "\" never started a step, so nothing can be reused; rerun it without from=failed");
    }
    PipelineRun resumed = again(namespace, runName, original, caller);
    resumed.getSpec().setResumeFrom(runName);
    return runs.create(namespace, resumed);
  }

  /**
   * A new run of {@code original}'s PipelineConfig, commit, branch, combination and pull request,
   * triggered by the caller and annotated with the run it repeats.
   */
  private PipelineRun again(String namespace, String runName, PipelineRun original, Caller caller) {
    PipelineRunSpec spec = original.getSpec();
    PipelineRun run =
        run(
            namespace,
            spec.getPipelineConfigRef(),
            spec.getCommit(),
            spec.getBranch(),
            spec.getMatrixIndex() == null ? Map.of() : spec.getMatrixIndex(),
            caller);
    run.getMetadata().getAnnotations().put(RERUN_OF, runName);
    // Still the pull request's run (its status goes to the head); the caller may create runs, so
    // it is neither held nor stripped of secrets.
    NewRun.ofPullRequest(run, spec.getPullRequest());
    return run;
  }

  private PipelineRun repeat(
      String namespace, String runName, PipelineRun original, Caller caller) {
    PipelineRunSpec spec = original.getSpec();
    PipelineConfig config;
    try {
      config = configs.get(namespace, spec.getPipelineConfigRef());
    } catch (ApiException e) {
      throw ApiException.conflict(
          "PipelineConfig \""
              + spec.getPipelineConfigRef()
              + "\" of run \""
              + runName
              + "\" no longer exists; a rerun needs it");
    }
    PipelineRun rerun = again(namespace, runName, original, caller);
    var mismatch = validator.validateAgainstConfig(rerun, config.getSpec()).errors();
    if (!mismatch.isEmpty()) {
      throw new ApiException(
          409,
          "PipelineConfig \""
              + spec.getPipelineConfigRef()
              + "\" changed and no longer fits run \""
              + runName
              + "\": "
              + mismatch.get(0).message(),
          mismatch,
          Map.of());
    }
    return rerun;
  }

  private PipelineRun run(
      String namespace,
      String configName,
      String commit,
      String branch,
      Map<String, String> combination,
      Caller caller) {
    PipelineRun run =
        new NewRun(
                namespace,
                configName,
                commit,
                branch,
                caller.username(),
                Instant.now(clock),
                combination)
            .build();
    run.getMetadata().setGenerateName(configName + "-");
    return run;
  }

  private static List<Map<String, String>> chosenCombinations(
      List<Map<String, String>> requested,
      List<Map<String, String>> allowed,
      String configName,
      List<ValidationError> errors) {
    Set<Map<String, String>> seen = new HashSet<>();
    List<Map<String, String>> chosen = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      Map<String, String> combination = requested.get(i) == null ? Map.of() : requested.get(i);
      String field = "matrix[" + i + "]";
      if (!allowed.contains(combination)) {
        errors.add(
            new ValidationError(
                field,
                "PipelineConfig \""
                    + configName
                    + "\" has no matrix combination "
                    + combination
                    + "; allowed: "
                    + allowed,
                "one of the config's matrix combinations",
                combination.toString()));
      } else if (!seen.add(combination)) {
        errors.add(
            new ValidationError(
                field,
                "combination " + combination + " is listed twice",
                null,
                combination.toString()));
      } else {
        chosen.add(combination);
      }
    }
    return chosen;
  }

  // The validator reports paths of the run (spec.commit); the client wrote the request (commit).
  private static ValidationError requestField(ValidationError error) {
    String field = error.field();
    if (field.startsWith("spec.matrixIndex")) {
      field = "matrix";
    } else if (field.startsWith("spec.")) {
      field = field.substring("spec.".length());
    }
    return new ValidationError(field, error.message(), error.expectedType(), error.actualValue());
  }
}
