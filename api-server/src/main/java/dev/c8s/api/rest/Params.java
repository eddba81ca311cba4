package dev.c8s.api.rest;

import dev.c8s.api.problem.ApiException;
import dev.c8s.model.v1alpha1.RunPhase;
import java.util.Arrays;
import java.util.Locale;

/** Query parameters parsed here, so that a bad value is a 400 naming it rather than a 404. */
public final class Params {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;

  private Params() {}

  /** {@code limit}: 1..500, default 100 when absent (an empty value is an error). */
  static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(
        "limit must be a whole number from 1 to " + MAX_LIMIT + ", not \"" + value + "\"");
  }

  /** A {@code true}/{@code false} parameter, false when absent (an empty value is an error). */
  static boolean bool(String name, String value) {
    if (value == null) {
      return false;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw ApiException.badRequest(name + " must be true or false, not \"" + value + "\"");
    };
  }

  /** A run phase, or null when absent (an empty value is an error). */
  public static RunPhase phase(String value) {
    if (value == null) {
      return null;
    }
    return Arrays.stream(RunPhase.values())
        .filter(p -> p.name().equals(value))
        .findFirst()
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "phase must be one of "
                        + Arrays.toString(RunPhase.values())
                        + ", not \""
                        + value
                        + "\""));
  }

  /** The {@code pipelineConfig} filter: a PipelineConfig name, or null when absent. */
  public static String configName(String value) {
    if (value == null) {
      return null;
    }
    if (!RequestChecks.isName(value)) {
      throw ApiException.badRequest(
          "pipelineConfig \"" + value + "\" is not a valid PipelineConfig name");
    }
    return value;
  }

  /** The {@code pullRequest} filter: a pull request number, or null when absent. */
  static Long pullRequest(String value) {
    if (value == null) {
      return null;
    }
    // Digits only, so the label selector built from it cannot be widened.
    if (value.matches("[1-9][0-9]{0,17}")) {
      return Long.parseLong(value);
    }
    throw ApiException.badRequest(
        "pullRequest must be a pull request number (1 or more), not \"" + value + "\"");
  }

  /** An optional text filter: null when absent or empty. */
  public static String text(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
