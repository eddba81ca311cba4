package dev.c8s.model.v1alpha1;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Seed 001's run indexes as CRD selectable fields: field selectors Kubernetes evaluates exactly
 * (Kubernetes >= 1.31, with the CRD of this release); {@link RunIndexLabels} is the fallback.
 */
public final class RunFields {
  public static final String PHASE_PATH = ".status.phase";
  public static final String PIPELINE_CONFIG_PATH = ".spec.pipelineConfigRef";
  public static final String BRANCH_PATH = ".spec.branch";
  public static final String COMMIT_PATH = ".spec.commit";

  /** The field names in selectors: the JSON paths without their leading dot. */
  public static final String PHASE = PHASE_PATH.substring(1);

  public static final String PIPELINE_CONFIG = PIPELINE_CONFIG_PATH.substring(1);
  public static final String BRANCH = BRANCH_PATH.substring(1);
  public static final String COMMIT = COMMIT_PATH.substring(1);

  private RunFields() {}

  /** A field selector term: {@code field=value}, the value escaped as Kubernetes requires. */
  public static String equalTo(String field, String value) {
    return field + "=" + escape(value);
  }

  /**
   * A field selector for runs in {@code phase}. A run the controller has not seen yet has no phase
   * (Kubernetes selects it as the empty value) and counts as Pending, so Pending is written as "in
   * no other phase".
   */
  public static String phaseSelector(RunPhase phase) {
    if (phase != RunPhase.Pending) {
      return equalTo(PHASE, phase.name());
    }
    return Arrays.stream(RunPhase.values())
        .filter(p -> p != RunPhase.Pending)
        .map(p -> PHASE + "!=" + p.name())
        .collect(Collectors.joining(","));
  }

  /**
   * Escapes a field selector value: a backslash, comma or equals sign is preceded by a backslash
   * (anything else Kubernetes takes literally).
   */
  static String escape(String value) {
    StringBuilder escaped = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == ',' || c == '=') {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }
}
