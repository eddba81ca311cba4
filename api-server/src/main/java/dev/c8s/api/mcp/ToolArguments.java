package dev.c8s.api.mcp;

import dev.c8s.api.problem.ApiException;
import dev.c8s.api.rest.Params;
import dev.c8s.api.rest.RequestChecks;
import dev.c8s.model.v1alpha1.RunPhase;
import io.quarkiverse.mcp.server.ToolCallException;

/** Checks of tool arguments, worded as the REST API words the same mistakes. */
final class ToolArguments {
  private ToolArguments() {}

  static String namespace(String value) {
    if (value == null || !RequestChecks.isLabel(value)) {
      throw new ToolCallException(
          "namespace \""
              + value
              + "\" is not a valid namespace name (lowercase letters, digits and '-', at most 63)");
    }
    return value;
  }

  static String name(String argument, String value) {
    if (value == null || !RequestChecks.isName(value)) {
      throw new ToolCallException(
          argument
              + " \""
              + value
              + "\" is not a valid object name (lowercase letters, digits, '-' and '.', at most"
              + " 253)");
    }
    return value;
  }

  static String step(String value) {
    if (value == null || !RequestChecks.isLabel(value)) {
      throw new ToolCallException(
          "step \""
              + value
              + "\" is not a valid step name (lowercase letters, digits and '-', at most 63)");
    }
    return value;
  }

  static int range(String argument, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ToolCallException(
          argument + " must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }

  /** An optional argument: absent or empty is null. */
  static String optional(String value) {
    return Params.text(value);
  }

  static RunPhase phase(String value) {
    try {
      return Params.phase(optional(value));
    } catch (ApiException e) {
      throw new ToolCallException(e.getMessage());
    }
  }
}
