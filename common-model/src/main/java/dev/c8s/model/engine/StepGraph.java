package dev.c8s.model.engine;

import dev.c8s.model.v1alpha1.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The effective dependencies between a pipeline's steps.
 *
 * <p>When no step declares {@code dependsOn}, steps run in list order: each depends on the one
 * before it. Once any step declares {@code dependsOn}, the DAG governs and a step without it has no
 * dependencies. Names that refer to no step are left out here; validation reports them.
 */
public final class StepGraph {
  private final Map<String, List<String>> dependencies;

  private StepGraph(Map<String, List<String>> dependencies) {
    this.dependencies = dependencies;
  }

  /** Builds the graph of {@code steps}; with duplicate names the first step wins. */
  public static StepGraph of(List<Step> steps) {
    boolean sequential =
        steps.stream().allMatch(s -> s.getDependsOn() == null || s.getDependsOn().isEmpty());
    Map<String, List<String>> dependencies = new LinkedHashMap<>();
    String previous = null;
    for (Step step : steps) {
      if (step.getName() == null || dependencies.containsKey(step.getName())) {
        continue;
      }
      dependencies.put(step.getName(), new ArrayList<>());
      if (sequential && previous != null) {
        dependencies.get(step.getName()).add(previous);
      }
      previous = step.getName();
    }
    if (!sequential) {
      Set<String> seen = new HashSet<>();
      for (Step step : steps) {
        List<String> deps = dependencies.get(step.getName());
        if (deps == null || !seen.add(step.getName()) || step.getDependsOn() == null) {
          continue;
        }
        step.getDependsOn().stream()
            .filter(dependencies::containsKey)
            .distinct()
            .forEach(deps::add);
      }
    }
    dependencies.replaceAll((name, deps) -> Collections.unmodifiableList(deps));
    return new StepGraph(Collections.unmodifiableMap(dependencies));
  }

  /** Step names in declaration order. */
  public List<String> names() {
    return List.copyOf(dependencies.keySet());
  }

  /** The steps that must finish before {@code step} may start. */
  public List<String> dependenciesOf(String step) {
    return dependencies.getOrDefault(step, List.of());
  }

  /** Direct and indirect dependencies of {@code step}, in declaration order. */
  public List<String> ancestorsOf(String step) {
    Set<String> ancestors = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>(dependenciesOf(step));
    while (!queue.isEmpty()) {
      String next = queue.pop();
      if (ancestors.add(next)) {
        queue.addAll(dependenciesOf(next));
      }
    }
    return dependencies.keySet().stream().filter(ancestors::contains).toList();
  }

  /**
   * A dependency cycle, if any, as the path along {@code dependsOn} that returns to its start: for
   * {@code build -> test -> build}, build depends on test and test on build.
   */
  public Optional<List<String>> findCycle() {
    Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on path, 2: done
    for (String start : dependencies.keySet()) {
      List<String> path = new ArrayList<>();
      Optional<List<String>> cycle = visit(start, state, path);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    return Optional.empty();
  }

  private Optional<List<String>> visit(String step, Map<String, Integer> state, List<String> path) {
    Integer seen = state.get(step);
    if (seen != null && seen == 2) {
      return Optional.empty();
    }
    if (seen != null) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(step), path.size()));
      cycle.add(step);
      return Optional.of(List.copyOf(cycle));
    }
    state.put(step, 1);
    path.add(step);
    for (String dependency : dependenciesOf(step)) {
      Optional<List<String>> cycle = visit(dependency, state, path);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    state.put(step, 2);
    return Optional.empty();
  }
}
