package dev.c8s.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The sentence shown for an error answer of the API. */
class ProblemMessageTest {
  private static final URI SERVER = URI.create("http://localhost:8080");

  @Test
  void aProblemShowsItsDetailStatusAndEveryFieldError() {
    String body =
        """
        {"type":"https://c8s.dev/problems/unprocessable-content","title":"Unprocessable Content",
         "status":422,"detail":"trigger is invalid: 1 problem",
         "errors":[{"field":"commit","message":"must be 7-40 lowercase hex characters"}]}
        """;

    assertThat(ProblemMessage.of(422, "application/problem+json", body, SERVER))
        .isEqualTo(
            "trigger is invalid: 1 problem (HTTP 422)\n"
                + "  commit: must be 7-40 lowercase hex characters");
  }

  @Test
  void anAnswerThatIsNoProblemShowsItsStatusServerAndTheStartOfItsBody() {
    assertThat(ProblemMessage.of(502, "text/html", "<html>" + "x".repeat(500), SERVER))
        .startsWith("HTTP 502 from http://localhost:8080 (text/html): <html>xxx")
        .endsWith("...")
        .hasSizeLessThan(300);
  }

  @Test
  void a401SaysTheTokenWasNotAcceptedAndHowToMakeANewOne() {
    assertThat(ProblemMessage.of(401, "application/problem+json", "{\"status\":401}", SERVER))
        .contains("HTTP 401")
        .contains("the token was not accepted")
        .contains("kubectl create token");
  }
}
