package dev.c8s.cli;

import dev.c8s.model.engine.StepGraph;
import dev.c8s.model.v1alpha1.PipelineRun;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The steps of a run in the order they run: every step after its dependencies (common-model's
 * {@link StepGraph}, so list order when no step declares {@code dependsOn}), ties in declaration
 * order.
 */
final class StepOrder {
  private StepOrder() {}

  /** The step names of {@code run}; empty when the controller has not started it yet. */
  static List<String> of(PipelineRun run) {
    PipelineRunStatus status = run.getStatus();
    if (status == null) {
      return List.of();
    }
    List<String> declared = new ArrayList<>();
    if (status.getPipelineSpec() != null && status.getPipelineSpec().getSteps() != null) {
      status.getPipelineSpec().getSteps().stream().map(Step::getName).forEach(declared::add);
    }
    if (status.getSteps() != null) {
      status.getSteps().stream()
          .map(StepStatus::getName)
          .filter(n -> !declared.contains(n))
          .forEach(declared::add);
    }
    if (status.getPipelineSpec() == null || status.getPipelineSpec().getSteps() == null) {
      return declared;
    }
    return dependenciesFirst(declared, StepGraph.of(status.getPipelineSpec().getSteps()));
  }

  private static List<String> dependenciesFirst(List<String> declared, StepGraph graph) {
    Set<String> placed = new LinkedHashSet<>();
    boolean progress = true;
    while (placed.size() < declared.size() && progress) {
      progress = false;
      for (String step : declared) {
        if (!placed.contains(step) && placed.containsAll(graph.dependenciesOf(step))) {
          placed.add(step);
          progress = true;
          break; // back to the first declared step: earlier steps go first when they can
        }
      }
    }
    // A cycle (refused at admission, so only in a hand-made run) leaves the rest as declared.
    placed.addAll(declared);
    return List.copyOf(placed);
  }
}
