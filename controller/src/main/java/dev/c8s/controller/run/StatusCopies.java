package dev.c8s.controller.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.controller.config.ClientSerialization;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Copies of a run's status that share its pipeline snapshot instead of copying it: nothing changes
 * a snapshot once the run's first pass took it, and copying it was most of each copy's cost.
 */
final class StatusCopies {
  /** The status's field that holds the snapshot. */
  static final String SNAPSHOT = "pipelineSpec";

  private static final KubernetesSerialization WITHOUT_SNAPSHOT =
      new ClientSerialization(
          new ObjectMapper().addMixIn(PipelineRunStatus.class, SnapshotSkipped.class));

  private StatusCopies() {}

  /** A copy to change: its own steps and conditions, the same snapshot object. */
  static PipelineRunStatus copy(PipelineRunStatus status) {
    PipelineRunStatus copy = WITHOUT_SNAPSHOT.clone(status);
    copy.setPipelineSpec(status.getPipelineSpec());
    return copy;
  }

  /** The status's fields as plain JSON values, the snapshot left out. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> fieldsWithoutSnapshot(PipelineRunStatus status) {
    return new LinkedHashMap<>(WITHOUT_SNAPSHOT.convertValue(status, Map.class));
  }

  /** The snapshot as plain JSON values. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> snapshot(PipelineRunStatus status) {
    return WITHOUT_SNAPSHOT.convertValue(status.getPipelineSpec(), Map.class);
  }

  /** Jackson mix-in: a status read and written without {@code pipelineSpec}. */
  @RegisterForReflection
  @JsonIgnoreProperties(SNAPSHOT)
  abstract static class SnapshotSkipped {}
}
