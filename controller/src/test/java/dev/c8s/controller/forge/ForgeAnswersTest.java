package dev.c8s.controller.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.v1alpha1.GitProvider;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForgeAnswersTest {
  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

  private static ForgeAnswer answer(
      GitProvider provider, int code, Map<String, String> headers, String body) {
    return ForgeAnswers.classify(
        provider, code, name -> Optional.ofNullable(headers.get(name)), body, NOW, "repo-token");
  }

  @Test
  void twoHundredsAreAccepted() {
    assertThat(answer(GitProvider.GITHUB, 201, Map.of(), "{}"))
        .isInstanceOf(ForgeAnswer.Accepted.class);
    assertThat(answer(GitProvider.GITLAB, 200, Map.of(), "{}"))
        .isInstanceOf(ForgeAnswer.Accepted.class);
  }

  @Test
  void gitLabRefusingTheStateItAlreadyShowsIsAccepted() {
    String body =
        "{\"message\":\"Cannot transition status via :run from :running (Reason(s): Status cannot"
            + " transition via \\\"run\\\")\"}";
    assertThat(answer(GitProvider.GITLAB, 400, Map.of(), body))
        .isInstanceOf(ForgeAnswer.Accepted.class);
  }

  @Test
  void gitHubsPrimaryRateLimitWaitsUntilItsResetTime() {
    ForgeAnswer answer =
        answer(
            GitProvider.GITHUB,
            403,
            Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1796032800"),
            "{\"message\":\"API rate limit exceeded for user ID 1.\"}");

    assertThat(answer).isInstanceOf(ForgeAnswer.Retry.class);
    ForgeAnswer.Retry retry = (ForgeAnswer.Retry) answer;
    assertThat(retry.rateLimited()).isTrue();
    assertThat(retry.notBefore()).isEqualTo(Instant.ofEpochSecond(1796032800));
  }

  @Test
  void retryAfterSecondsWinsAndA429WithoutHeadersWaitsAMinute() {
    ForgeAnswer.Retry secondary =
        (ForgeAnswer.Retry)
            answer(
                GitProvider.GITHUB,
                403,
                Map.of("retry-after", "30"),
                "{\"message\":\"You have exceeded a secondary rate limit.\"}");
    ForgeAnswer.Retry bitbucket =
        (ForgeAnswer.Retry)
            answer(
                GitProvider.BITBUCKET,
                429,
                Map.of(),
                "Rate limit for this resource has been exceeded");

    assertThat(secondary.notBefore()).isEqualTo(NOW.plusSeconds(30));
    assertThat(bitbucket.notBefore()).isEqualTo(NOW.plus(ForgeAnswers.RATE_LIMIT_FALLBACK));
  }

  @Test
  void serverErrorsAndGitLabsLeaseConflictAreRetriedWithBackOff() {
    for (int code : new int[] {500, 502, 503, 409, 408}) {
      ForgeAnswer answer = answer(GitProvider.GITLAB, code, Map.of(), "{\"message\":\"busy\"}");
      assertThat(answer).isInstanceOf(ForgeAnswer.Retry.class);
      assertThat(((ForgeAnswer.Retry) answer).notBefore()).isNull();
    }
  }

  @Test
  void aMissingPermissionNamesTheSecretAndTheScopeToGrant() {
    ForgeAnswer answer =
        answer(
            GitProvider.GITHUB,
            403,
            Map.of("x-ratelimit-remaining", "4999"),
            "{\"message\":\"Resource not accessible by personal access token\"}");

    assertThat(answer).isInstanceOf(ForgeAnswer.Refused.class);
    assertThat(((ForgeAnswer.Refused) answer).message())
        .contains("Secret repo-token", "403", "Resource not accessible", "repo:status");
  }

  @Test
  void aRejectedTokenSaysToStoreAValidOne() {
    ForgeAnswer answer =
        answer(
            GitProvider.BITBUCKET,
            401,
            Map.of(),
            "{\"type\":\"error\",\"error\":{\"message\":\"Unauthorized\"}}");

    assertThat(((ForgeAnswer.Refused) answer).message())
        .contains("rejected the token in Secret repo-token (401: Unauthorized)");
  }

  @Test
  void aValidationErrorIsRefusedWithTheProvidersMessage() {
    ForgeAnswer answer =
        answer(GitProvider.GITHUB, 422, Map.of(), "{\"message\":\"No commit found for SHA: abc\"}");

    assertThat(((ForgeAnswer.Refused) answer).message())
        .isEqualTo("GitHub refused the commit status (422: No commit found for SHA: abc)");
  }

  @Test
  void backOffDoublesUpToFiveMinutes() {
    assertThat(CommitStatusSender.backOff(1)).hasSeconds(1);
    assertThat(CommitStatusSender.backOff(4)).hasSeconds(8);
    assertThat(CommitStatusSender.backOff(30)).hasMinutes(5);
  }
}
