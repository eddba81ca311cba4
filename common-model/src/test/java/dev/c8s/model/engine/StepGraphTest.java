package dev.c8s.model.engine;

import static dev.c8s.model.engine.Pipelines.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Effective dependencies and cycle naming. */
class StepGraphTest {

  @Test
  void withoutDependsOnEachStepDependsOnThePreviousOne() {
    StepGraph graph = StepGraph.of(List.of(step("a"), step("b"), step("c")));
    assertThat(graph.dependenciesOf("a")).isEmpty();
    assertThat(graph.dependenciesOf("c")).containsExactly("b");
    assertThat(graph.ancestorsOf("c")).containsExactly("a", "b");
  }

  @Test
  void onceAnyStepDeclaresDependsOnStepsWithoutItHaveNoDependencies() {
    StepGraph graph = StepGraph.of(List.of(step("a"), step("b"), step("c", "a")));
    assertThat(graph.dependenciesOf("b")).isEmpty();
    assertThat(graph.dependenciesOf("c")).containsExactly("a");
  }

  @Test
  void duplicateStepNameKeepsOnlyTheFirstStepsDependencies() {
    StepGraph graph = StepGraph.of(List.of(step("a"), step("b"), step("a", "b")));
    assertThat(graph.names()).containsExactly("a", "b");
    assertThat(graph.dependenciesOf("a")).isEmpty();
  }

  @Test
  void unknownDependenciesAreLeftOut() {
    StepGraph graph = StepGraph.of(List.of(step("a", "nope")));
    assertThat(graph.dependenciesOf("a")).isEmpty();
  }

  @Test
  void twoStepCycleIsNamedAlongDependsOn() {
    StepGraph graph = StepGraph.of(List.of(step("build", "test"), step("test", "build")));
    assertThat(graph.findCycle()).contains(List.of("build", "test", "build"));
  }

  @Test
  void cycleBehindAnAcyclicPrefixIsNamedWithoutThePrefix() {
    StepGraph graph =
        StepGraph.of(List.of(step("a", "b"), step("b", "c"), step("c", "d"), step("d", "b")));
    assertThat(graph.findCycle()).contains(List.of("b", "c", "d", "b"));
  }

  @Test
  void selfDependencyIsACycle() {
    assertThat(StepGraph.of(List.of(step("a", "a"))).findCycle()).contains(List.of("a", "a"));
  }

  @Test
  void acyclicGraphHasNoCycle() {
    StepGraph graph = StepGraph.of(List.of(step("a"), step("b", "a"), step("c", "a", "b")));
    assertThat(graph.findCycle()).isEmpty();
  }
}
