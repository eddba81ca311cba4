package dev.c8s.controller.job;

import java.util.Map;

/**
 * Presigned object-storage URLs a step Job uses, so that no storage credentials enter the team's
 * namespace.
 *
 * @param upload where the step PUTs its artifact archive, or null when it declares no artifacts
 * @param downloads upstream step name to the URL of its archive, to unpack before the commands
 */
public record StepTransfers(String upload, Map<String, String> downloads) {
  /** No artifacts in or out. */
  public static final StepTransfers NONE = new StepTransfers(null, Map.of());
}
