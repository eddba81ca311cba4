package dev.c8s.controller.forge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c8s.model.v1alpha1.GitProvider;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a provider's answer to a commit status: accepted, worth retrying (when, if the provider's
 * rate limit says), or refused until a person fixes the token or the repository.
 */
public final class ForgeAnswers {
  /** How long to wait on a rate limit whose answer does not say until when. */
  static final Duration RATE_LIMIT_FALLBACK = Duration.ofMinutes(1);

  private static final int MAX_MESSAGE = 200;

  private ForgeAnswers() {}

  /**
   * @param header the answer's header of a name (any case), if present
   * @param secret the Secret the token came from, named in what a person must fix
   */
  public static ForgeAnswer classify(
      GitProvider provider,
      int code,
      Function<String, Optional<String>> header,
      String body,
      Instant now,
      String secret) {
    String said = message(body);
    String name = name(provider);
    if (code >= 200 && code < 300) {
      return new ForgeAnswer.Accepted();
    }
    // GitLab refuses to move a status to the state it is already in; it shows that state.
    if (provider == GitProvider.GITLAB
        && code == 400
        && said.contains("Cannot transition status")) {
      return new ForgeAnswer.Accepted();
    }
    if (rateLimited(code, header, said)) {
      return new ForgeAnswer.Retry(
          name + " rate limit reached (" + code + ": " + said + ")", resumeAt(header, now), true);
    }
    if (code >= 500 || code == 408 || code == 409) {
      return new ForgeAnswer.Retry(name + " answered " + code + ": " + said, null, false);
    }
    if (code == 401) {
      return new ForgeAnswer.Refused(
          name
              + " rejected the token in Secret "
              + secret
              + " (401: "
              + said
              + "); it is wrong or expired: store a valid one under the key token or password");
    }
    if (code == 403 || code == 404) {
      return new ForgeAnswer.Refused(
          name
              + " did not let the token in Secret "
              + secret
              + " set the commit status ("
              + code
              + ": "
              + said
              + "); it needs "
              + scope(provider));
    }
    return new ForgeAnswer.Refused(
        name + " refused the commit status (" + code + ": " + said + ")");
  }

  private static boolean rateLimited(
      int code, Function<String, Optional<String>> header, String said) {
    if (code == 429) {
      return true;
    }
    // GitHub answers a primary or secondary rate limit with 403 too; a 403 is not always a
    // missing permission.
    return code == 403
        && (header.apply("x-ratelimit-remaining").filter("0"::equals).isPresent()
            || header.apply("retry-after").isPresent()
            || said.toLowerCase(Locale.ROOT).contains("rate limit"));
  }

  /** Retry-After (seconds or a date), else the reset time in epoch seconds, else a minute. */
  static Instant resumeAt(Function<String, Optional<String>> header, Instant now) {
    Optional<String> retryAfter = header.apply("retry-after");
    if (retryAfter.isPresent()) {
      String value = retryAfter.get().strip();
      try {
        return now.plusSeconds(Long.parseLong(value));
      } catch (NumberFormatException notSeconds) {
        try {
          return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException notADate) {
          // Fall through to the reset headers.
        }
      }
    }
    for (String reset : new String[] {"x-ratelimit-reset", "ratelimit-reset"}) {
      Optional<String> epoch = header.apply(reset);
      if (epoch.isPresent()) {
        try {
          Instant at = Instant.ofEpochSecond(Long.parseLong(epoch.get().strip()));
          return at.isAfter(now) ? at : now;
        } catch (NumberFormatException e) {
          // Not epoch seconds: use the fallback.
        }
      }
    }
    return now.plus(RATE_LIMIT_FALLBACK);
  }

  /** The provider's own message: {@code message} (GitHub, GitLab) or {@code error.message}. */
  static String message(String body) {
    if (body == null || body.isBlank()) {
      return "no message";
    }
    String text;
    try {
      JsonNode node = Serialization.jsonMapper().readTree(body);
      JsonNode message = node.path("message");
      if (message.isMissingNode()) {
        message = node.path("error").path("message");
      }
      text = message.isValueNode() ? message.asText() : body;
    } catch (Exception notJson) {
      text = body;
    }
    text = text.replaceAll("\\s+", " ").strip();
    return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
  }

  static String name(GitProvider provider) {
    return switch (provider) {
      case GITHUB -> "GitHub";
      case GITLAB -> "GitLab";
      case BITBUCKET -> "Bitbucket";
      case GITEA -> "Gitea";
    };
  }

  private static String scope(GitProvider provider) {
    return switch (provider) {
      case GITHUB ->
          "access to the repository with the repo:status scope (classic token) or \"Commit"
              + " statuses: Read and write\" (fine-grained token)";
      case GITLAB -> "the api scope and at least the Developer role in the project";
      case BITBUCKET ->
          "the repository:write scope (access token) or \"Repositories: Write\" (API token)";
      case GITEA -> "the write:repository scope and write access to the repository";
    };
  }
}
