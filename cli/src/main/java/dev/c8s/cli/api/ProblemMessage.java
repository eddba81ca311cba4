package dev.c8s.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;

/**
 * The sentence to show for an error answer of the API: an RFC 9457 problem's detail with its status
 * and field errors, or, for anything else (a proxy's HTML page), the status and a hint.
 */
final class ProblemMessage {
  private static final int MAX_BODY = 200;

  private ProblemMessage() {}

  static String of(int status, String contentType, String body, URI server) {
    JsonNode problem = parse(body);
    String detail = problem == null ? null : text(problem, "detail");
    if (detail == null && problem != null) {
      detail = text(problem, "title");
    }
    StringBuilder message = new StringBuilder();
    if (detail != null) {
      message.append(detail).append(" (HTTP ").append(status).append(')');
      problem
          .path("errors")
          .forEach(
              e ->
                  message
                      .append("\n  ")
                      .append(text(e, "field") == null ? "" : text(e, "field") + ": ")
                      .append(text(e, "message")));
    } else {
      message
          .append("HTTP ")
          .append(status)
          .append(" from ")
          .append(server)
          .append(contentType.isEmpty() ? "" : " (" + contentType + ")");
      String shown = body.strip();
      if (!shown.isEmpty()) {
        message
            .append(": ")
            .append(shown.length() > MAX_BODY ? shown.substring(0, MAX_BODY) + "..." : shown);
      }
    }
    if (status == 401) {
      message.append(
          "\nthe token was not accepted: check --token, C8S_TOKEN or the kubeconfig user (an"
              + " expired token? kubectl create token <serviceaccount> makes a new one)");
    }
    if (status == 404 && detail == null) {
      message.append("\nis " + server + " the c8s API server (not the Kubernetes API server)?");
    }
    return message.toString();
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = ApiClient.JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }
}
