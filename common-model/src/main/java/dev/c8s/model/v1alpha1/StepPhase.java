package dev.c8s.model.v1alpha1;

/** Lifecycle of one step within a run. */
public enum StepPhase {
  Pending,
  Running,
  Succeeded,
  Failed,
  Skipped;

  /** A finished step: it will not run (again). */
  public boolean isTerminal() {
    return this == Succeeded || this == Failed || this == Skipped;
  }
}
