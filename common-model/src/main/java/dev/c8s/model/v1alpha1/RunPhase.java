package dev.c8s.model.v1alpha1;

/** Lifecycle of a PipelineRun: Pending, Running, then one terminal phase. */
public enum RunPhase {
  Pending,
  Running,
  Succeeded,
  Failed,
  Cancelled;

  /** Terminal phases never change again. */
  public boolean isTerminal() {
    return this == Succeeded || this == Failed || this == Cancelled;
  }
}
