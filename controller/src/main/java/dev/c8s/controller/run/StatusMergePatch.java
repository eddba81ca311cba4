package dev.c8s.controller.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.model.v1alpha1.PipelineRunStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A run's status write as a JSON merge patch (RFC 7386) of what changed since the cached status.
 *
 * <p>Server-side apply sent the whole status, pipeline snapshot included, on every write, and the
 * API server merged each field's ownership: about a quarter of what a status write cost it in the
 * controller benchmark (decision 0078). A merge patch of the changes carries only the new values;
 * objects are diffed key by key (a key gone is sent as null), lists are replaced whole. {@code
 * commitStatus} is never sent: the commit status reporter writes it with its own field manager.
 */
final class StatusMergePatch {
  private static final String COMMIT_STATUS = "commitStatus";
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private StatusMergePatch() {}

  /**
   * The patch from {@code before} (null: no status yet) to {@code after}, empty when equal; with
   * {@code preconditions} as its metadata ({@code uid}: never a new run of the same name; {@code
   * resourceVersion}: refused if the run changed since {@code before} was read).
   */
  static Optional<String> of(
      PipelineRunStatus before, PipelineRunStatus after, Map<String, String> preconditions) {
    Map<String, Object> from = fields(before, after);
    Map<String, Object> to = fields(after, before);
    Map<String, Object> changes = diff(from, to);
    if (changes.isEmpty()) {
      return Optional.empty();
    }
    try {
      // Plain maps by now; a mapper of its own writes their nulls, which delete keys.
      Map<String, Object> patch = new LinkedHashMap<>();
      if (!preconditions.isEmpty()) {
        patch.put("metadata", preconditions);
      }
      patch.put("status", changes);
      return Optional.of(PLAIN.writeValueAsString(patch));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a run's status as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The fields to compare. The snapshot is set once and then shared by every copy ({@link
   * StatusCopies}), so the same object on both sides is left out rather than converted and
   * compared.
   */
  private static Map<String, Object> fields(PipelineRunStatus status, PipelineRunStatus other) {
    if (status == null) {
      return Map.of();
    }
    Map<String, Object> fields = StatusCopies.fieldsWithoutSnapshot(status);
    fields.remove(COMMIT_STATUS);
    boolean shared = other != null && other.getPipelineSpec() == status.getPipelineSpec();
    if (status.getPipelineSpec() != null && !shared) {
      fields.put(StatusCopies.SNAPSHOT, StatusCopies.snapshot(status));
    }
    return fields;
  }

  /** What turns {@code from} into {@code to} when merged into it. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> diff(Map<String, Object> from, Map<String, Object> to) {
    Map<String, Object> patch = new LinkedHashMap<>();
    to.forEach(
        (key, value) -> {
          Object old = from.get(key);
          if (Objects.equals(old, value)) {
            return;
          }
          if (old instanceof Map<?, ?> oldMap && value instanceof Map<?, ?> newMap) {
            patch.put(key, diff((Map<String, Object>) oldMap, (Map<String, Object>) newMap));
          } else {
            patch.put(key, value);
          }
        });
    from.keySet().stream().filter(key -> !to.containsKey(key)).forEach(key -> patch.put(key, null));
    return patch;
  }
}
