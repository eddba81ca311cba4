package dev.c8s.webhook.delivery;

import dev.c8s.model.v1alpha1.PipelineRun;
import java.util.Map;

/** A run in a delivery's answer: where it is, its pipeline and its matrix combination. */
public record RunRef(
    String namespace, String name, String pipelineConfig, Map<String, String> matrix) {

  /** The answer's entry for {@code run}. */
  public static RunRef of(PipelineRun run) {
    Map<String, String> matrix = run.getSpec().getMatrixIndex();
    return new RunRef(
        run.getMetadata().getNamespace(),
        run.getMetadata().getName(),
        run.getSpec().getPipelineConfigRef(),
        matrix == null ? Map.of() : Map.copyOf(matrix));
  }
}
