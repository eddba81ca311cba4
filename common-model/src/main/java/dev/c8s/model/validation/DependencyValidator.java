package dev.c8s.model.validation;

import dev.c8s.model.engine.StepGraph;
import dev.c8s.model.v1alpha1.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Step names are unique, and dependsOn names other steps of the pipeline without cycles. */
final class DependencyValidator {
  private DependencyValidator() {}

  /** Checks {@code steps}, found at {@code stepsPath} such as {@code spec.steps}. */
  static void validate(Problems problems, String stepsPath, List<Step> steps) {
    Map<String, Integer> firstIndex = new LinkedHashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step == null || Texts.isBlank(step.getName())) {
        continue;
      }
      Integer first = firstIndex.putIfAbsent(step.getName(), i);
      if (first != null) {
        problems.error(
            FieldPaths.index(stepsPath, i) + ".name",
            "step name "
                + Texts.quote(step.getName())
                + " is already used by "
                + FieldPaths.index(stepsPath, first)
                + "; step names must be unique, so rename"
                + " one of the two",
            StepValidator.STEP_NAME_FORM,
            step.getName());
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step != null && step.getDependsOn() != null) {
        dependsOn(problems, FieldPaths.index(stepsPath, i) + ".dependsOn", step, firstIndex);
      }
    }
    cycles(problems, stepsPath, steps, firstIndex);
  }

  private static void dependsOn(
      Problems problems, String path, Step step, Map<String, Integer> stepIndex) {
    String label = StepValidator.label(step);
    List<String> others =
        stepIndex.keySet().stream().filter(name -> !name.equals(step.getName())).toList();
    Map<String, Integer> seen = new HashMap<>();
    List<String> dependsOn = step.getDependsOn();
    for (int j = 0; j < dependsOn.size(); j++) {
      String dependency = dependsOn.get(j);
      String at = FieldPaths.index(path, j);
      if (Texts.isBlank(dependency)) {
        problems.error(
            at,
            "dependsOn entry of "
                + label
                + " is empty; name a step that must finish first,"
                + " or remove the entry",
            "name of another step: " + Texts.list(others),
            dependency);
      } else if (dependency.equals(step.getName())) {
        problems.error(
            at,
            label
                + " depends on itself, so it could never start; remove "
                + Texts.quote(dependency)
                + " from its dependsOn",
            "name of another step: " + Texts.list(others),
            dependency);
      } else if (!stepIndex.containsKey(dependency)) {
        problems.error(
            at,
            label
                + " depends on "
                + Texts.quote(dependency)
                + ", which is not a step of this"
                + " pipeline"
                + Texts.didYouMean(dependency, others)
                + "; use one of: "
                + Texts.list(others),
            "name of another step: " + Texts.list(others),
            dependency);
      } else {
        Integer first = seen.putIfAbsent(dependency, j);
        if (first != null) {
          problems.error(
              at,
              label
                  + " lists "
                  + Texts.quote(dependency)
                  + " twice in dependsOn (first at "
                  + FieldPaths.index("dependsOn", first)
                  + "); remove the repeat",
              "name of another step: " + Texts.list(others),
              dependency);
        }
      }
    }
  }

  /**
   * Reports each cycle once. StepGraph finds one cycle at a time, so each found cycle is broken
   * (its first edge removed from a copy) before looking for the next.
   */
  private static void cycles(
      Problems problems, String stepsPath, List<Step> steps, Map<String, Integer> stepIndex) {
    Map<String, Step> graph = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> entry : stepIndex.entrySet()) {
      Step original = steps.get(entry.getValue());
      Step copy = new Step();
      copy.setName(entry.getKey());
      // Self, unknown and repeated entries are reported above; leave them out of the graph.
      List<String> dependsOn = new ArrayList<>();
      if (original.getDependsOn() != null) {
        original.getDependsOn().stream()
            .filter(d -> d != null && !d.equals(entry.getKey()) && stepIndex.containsKey(d))
            .distinct()
            .forEach(dependsOn::add);
      }
      copy.setDependsOn(dependsOn);
      graph.put(entry.getKey(), copy);
    }
    List<Step> graphSteps = List.copyOf(graph.values());
    for (Optional<List<String>> cycle = StepGraph.of(graphSteps).findCycle();
        cycle.isPresent();
        cycle = StepGraph.of(graphSteps).findCycle()) {
      List<String> path = cycle.get();
      String start = path.get(0);
      problems.error(
          FieldPaths.index(stepsPath, stepIndex.get(start)) + ".dependsOn",
          "dependency cycle: "
              + String.join(" -> ", path)
              + "; steps in a cycle would wait for"
              + " each other forever, so remove one of these dependsOn entries",
          "step names that do not lead back to this step",
          String.join(" -> ", path));
      graph.get(start).getDependsOn().remove(path.get(1));
    }
  }
}
