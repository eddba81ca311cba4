package dev.c8s.model.engine;

import dev.c8s.model.v1alpha1.PipelineRunSpec;
import dev.c8s.model.v1alpha1.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Resolves a step into a {@link StepLaunch} for a run: defaults, matrix values, upstream work. */
final class StepLaunches {
  /** Environment variable holding the commit being built. */
  static final String COMMIT_SHA = "COMMIT_SHA";

  /** Environment variable holding the branch being built, when known. */
  static final String BRANCH = "BRANCH";

  /** Environment variable holding the pull request's number, in pull request runs. */
  static final String PULL_REQUEST = "PULL_REQUEST";

  /** Environment variable holding the branch a pull request merges into. */
  static final String BASE_BRANCH = "BASE_BRANCH";

  private StepLaunches() {}

  static StepLaunch of(Step step, PipelineRunSpec run, StepGraph graph, List<Step> steps) {
    Map<String, String> matrix = run.getMatrixIndex() == null ? Map.of() : run.getMatrixIndex();
    Map<String, String> env = new LinkedHashMap<>();
    env.put(COMMIT_SHA, run.getCommit());
    if (run.getBranch() != null) {
      env.put(BRANCH, run.getBranch());
    }
    if (run.getPullRequest() != null) {
      env.put(PULL_REQUEST, String.valueOf(run.getPullRequest().getNumber()));
      env.put(BASE_BRANCH, run.getPullRequest().getBaseBranch());
    }
    env.putAll(matrix);
    return new StepLaunch(
        step.getName(),
        MatrixExpansion.substitute(step.getImage(), matrix),
        orEmpty(step.getCommands()),
        env,
        // A fork's code must not see the secrets: the steps run without them
        // (docs/pull-requests.md).
        run.secretsWithheld() ? List.of() : orEmpty(step.getSecrets()),
        StepDefaults.cpu(step),
        StepDefaults.memory(step),
        StepDefaults.timeout(step),
        orEmpty(step.getArtifacts()),
        upstreamWithArtifacts(step, graph, steps));
  }

  /** Direct and indirect dependencies that declare artifacts, in declaration order. */
  private static List<String> upstreamWithArtifacts(Step step, StepGraph graph, List<Step> steps) {
    Set<String> ancestors = Set.copyOf(graph.ancestorsOf(step.getName()));
    return steps.stream()
        .filter(s -> ancestors.contains(s.getName()))
        .filter(s -> s.getArtifacts() != null && !s.getArtifacts().isEmpty())
        .map(Step::getName)
        .distinct()
        .toList();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
