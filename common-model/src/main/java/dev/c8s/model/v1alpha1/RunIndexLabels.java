package dev.c8s.model.v1alpha1;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Seed 001's run indexes as labels: by PipelineConfig and by phase. The controller keeps them on
 * every run, kubectl-created ones included; readers select by them instead of scanning. Where the
 * cluster selects runs by field ({@link RunFields}), new runs get no phase label (decision 0086).
 */
public final class RunIndexLabels {
  private RunIndexLabels() {}

  /** The index labels {@code run} should carry when its phase is {@code phase} (null: Pending). */
  public static Map<String, String> wanted(PipelineRun run, RunPhase phase) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (run.getSpec() != null && run.getSpec().getPipelineConfigRef() != null) {
      labels.put(C8s.LABEL_PIPELINE_CONFIG, LabelValues.of(run.getSpec().getPipelineConfigRef()));
    }
    labels.put(C8s.LABEL_PHASE, (phase == null ? RunPhase.Pending : phase).name());
    return labels;
  }

  /** The index labels {@code run} lacks or carries with another value; empty when it is current. */
  public static Map<String, String> outdated(PipelineRun run, RunPhase phase) {
    return outdated(run, phase, false);
  }

  /**
   * As {@link #outdated(PipelineRun, RunPhase)}; with {@code phaseByField} (the cluster selects
   * runs by {@link RunFields}) the phase label is no longer added, only kept current on a run that
   * already carries it (labelled before), so it never shows a stale phase.
   */
  public static Map<String, String> outdated(
      PipelineRun run, RunPhase phase, boolean phaseByField) {
    Map<String, String> present =
        run.getMetadata() == null || run.getMetadata().getLabels() == null
            ? Map.of()
            : run.getMetadata().getLabels();
    return wanted(run, phase).entrySet().stream()
        .filter(
            e ->
                !phaseByField
                    || !C8s.LABEL_PHASE.equals(e.getKey())
                    || present.containsKey(e.getKey()))
        .filter(e -> !e.getValue().equals(present.get(e.getKey())))
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  /**
   * A selector for runs in {@code phase}, written as "not in any other phase" so runs the
   * controller has not labelled yet are included; callers still check the phase itself.
   */
  public static String phaseSelector(RunPhase phase) {
    return C8s.LABEL_PHASE
        + " notin ("
        + Arrays.stream(RunPhase.values())
            .filter(p -> p != phase)
            .map(RunPhase::name)
            .collect(Collectors.joining(","))
        + ")";
  }
}
