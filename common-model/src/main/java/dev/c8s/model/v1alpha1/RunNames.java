package dev.c8s.model.v1alpha1;

import dev.c8s.model.text.Sha256;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deterministic PipelineRun names, {@code <config>-<hash>}: the same for every redelivery of a push
 * and every attempt at a scheduled tick.
 */
public final class RunNames {
  /** Longest DNS-1123 label: run names also end up in Job names and label values. */
  public static final int MAX_LENGTH = 63;

  /** Hex digits of the hash in a run name. */
  public static final int HASH_LENGTH = 10;

  /** Hex digits used instead when the short name is taken by another delivery's run. */
  public static final int LONG_HASH_LENGTH = 20;

  private RunNames() {}

  /**
   * The name of the run of {@code config} that {@code deliveryId} starts for a push of {@code
   * branch} to {@code commit} with one matrix {@code combination}.
   */
  public static String of(
      String config,
      String deliveryId,
      String branch,
      String commit,
      Map<String, String> combination,
      int hashLength) {
    StringBuilder identity = new StringBuilder();
    identity.append(deliveryId).append('\n').append(config).append('\n');
    identity.append(branch).append('\n').append(commit).append('\n');
    // Sorted, so the name does not depend on the order the dimensions are declared in.
    new TreeMap<>(combination)
        .forEach((k, v) -> identity.append(k).append('=').append(v).append('\n'));
    String hash = Sha256.hex(identity.toString()).substring(0, hashLength);
    return shortenedPrefix(config, MAX_LENGTH - hashLength - 1) + "-" + hash;
  }

  /**
   * The name of the run of {@code config}'s schedule for the tick at {@code tick} and one matrix
   * {@code combination}: the same whoever creates it and however often, so a tick never runs twice.
   */
  public static String scheduled(String config, Instant tick, Map<String, String> combination) {
    StringBuilder identity = new StringBuilder("schedule\n").append(config).append('\n');
    identity.append(tick.getEpochSecond()).append('\n');
    new TreeMap<>(combination)
        .forEach((k, v) -> identity.append(k).append('=').append(v).append('\n'));
    String hash = Sha256.hex(identity.toString()).substring(0, HASH_LENGTH);
    return shortenedPrefix(config, MAX_LENGTH - HASH_LENGTH - 1) + "-" + hash;
  }

  private static String shortenedPrefix(String name, int max) {
    // A PipelineConfig name may contain dots (DNS subdomain); a DNS label may not.
    String prefix = name.replace('.', '-');
    prefix = prefix.length() > max ? prefix.substring(0, max) : prefix;
    prefix = prefix.replaceAll("-+$", "");
    return prefix.isEmpty() ? "run" : prefix;
  }
}
