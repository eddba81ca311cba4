package dev.c8s.webhook.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** Reading the fields a push needs out of a verified payload, with the field named on failure. */
final class Payloads {
  private static final String BRANCH_PREFIX = "refs/heads/";
  private static final String TAG_PREFIX = "refs/tags/";
  private static final Pattern ZEROS = Pattern.compile("^0+$");

  private Payloads() {}

  /** The string at {@code path} (dotted), or a 400 naming the field. */
  static String requiredText(JsonNode payload, String path) throws MalformedPayloadException {
    return requiredText(payload, path, "");
  }

  /** The string at {@code path} below a node found at {@code prefix} of the payload. */
  static String requiredText(JsonNode node, String path, String prefix)
      throws MalformedPayloadException {
    JsonNode value = at(node, path);
    if (!value.isTextual() || value.asText().isBlank()) {
      String problem = value.isMissingNode() || value.isNull() ? "missing" : "not a string";
      throw new MalformedPayloadException(prefix + path + ": " + problem);
    }
    return value.asText();
  }

  /** The id at {@code path}, a number or a string as providers send them, or a 400 naming it. */
  static String requiredId(JsonNode node, String path, String prefix)
      throws MalformedPayloadException {
    JsonNode value = at(node, path);
    if (value.isIntegralNumber() || (value.isTextual() && !value.asText().isBlank())) {
      return value.asText();
    }
    throw new MalformedPayloadException(
        prefix + path + ": " + (value.isMissingNode() || value.isNull() ? "missing" : "not an id"));
  }

  /** The first non-blank string among {@code paths}, or null. */
  static String firstText(JsonNode payload, String... paths) {
    for (String path : paths) {
      JsonNode node = at(payload, path);
      if (node.isTextual() && !node.asText().isBlank()) {
        return node.asText();
      }
    }
    return null;
  }

  /** The node at a dotted {@code path}; missing when any step is absent. */
  static JsonNode at(JsonNode payload, String path) {
    JsonNode node = payload;
    for (String field : path.split("\\.")) {
      node = node.path(field);
    }
    return node;
  }

  private static final java.time.format.DateTimeFormatter GITLAB_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", java.util.Locale.ROOT);

  /**
   * The time at {@code path}: ISO 8601 with a zone (GitHub, Gitea, Bitbucket, newer GitLab) or
   * GitLab's {@code 2015-05-17 18:21:36 UTC}; null when absent or unreadable.
   */
  static java.time.Instant instant(JsonNode payload, String path) {
    String text = firstText(payload, path);
    if (text == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException notIso) {
      try {
        return java.time.ZonedDateTime.parse(text, GITLAB_TIME).toInstant();
      } catch (java.time.format.DateTimeParseException notGitLab) {
        return null;
      }
    }
  }

  /** Whether {@code sha} is all zeros: providers report a deleted branch's new SHA so. */
  static boolean isZeroSha(String sha) {
    return ZEROS.matcher(sha).matches();
  }

  /**
   * Why a push of {@code ref} to {@code after} starts no run, or null when it is a branch update.
   */
  static String ignoredPush(String ref, String after, boolean deleted) {
    if (ref.startsWith(TAG_PREFIX)) {
      return "tag push of " + ref.substring(TAG_PREFIX.length()) + ": c8s builds branches only";
    }
    if (!ref.startsWith(BRANCH_PREFIX)) {
      return "push to " + ref + ", which is not a branch: c8s builds branches only";
    }
    if (deleted || isZeroSha(after)) {
      return "deletion of branch " + ref.substring(BRANCH_PREFIX.length()) + ": nothing to build";
    }
    return null;
  }

  /** The branch of {@code refs/heads/<branch>}. */
  static String branch(String ref) {
    return ref.substring(BRANCH_PREFIX.length());
  }

  /** A provider's event name, cut down to something safe to store and show. */
  static String shortName(String event) {
    String cleaned = event.replaceAll("[^A-Za-z0-9:_ .-]", "");
    return cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
  }
}
