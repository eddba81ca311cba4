package dev.c8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** HMAC signatures as GitHub and Bitbucket compute them, and GitLab's plain token. */
class SignaturesTest {
  private static final byte[] SECRET =
      "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  private static final String PUBLISHED =
      "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  @Test
  void githubsPublishedTestVector() {
    assertThat(Signatures.hmacSha256Hex(SECRET, PAYLOAD)).isEqualTo(PUBLISHED);
    assertThat(Signatures.sha256HeaderMatches("sha256=" + PUBLISHED, SECRET, PAYLOAD)).isTrue();
  }

  @Test
  void uppercaseHexAndSurroundingSpaceAreAccepted() {
    assertThat(
            Signatures.sha256HeaderMatches(
                " sha256=" + PUBLISHED.toUpperCase() + " ", SECRET, PAYLOAD))
        .isTrue();
  }

  @Test
  void anyChangeToBodySecretOrHeaderFailsVerification() {
    byte[] tampered = "Hello, World?".getBytes(StandardCharsets.UTF_8);
    assertThat(Signatures.sha256HeaderMatches("sha256=" + PUBLISHED, SECRET, tampered)).isFalse();
    assertThat(Signatures.sha256HeaderMatches("sha256=" + PUBLISHED, "other".getBytes(), PAYLOAD))
        .isFalse();
    assertThat(Signatures.sha256HeaderMatches(PUBLISHED, SECRET, PAYLOAD)).isFalse();
    assertThat(Signatures.sha256HeaderMatches("sha1=" + PUBLISHED, SECRET, PAYLOAD)).isFalse();
    assertThat(Signatures.sha256HeaderMatches("sha256=" + PUBLISHED.substring(1), SECRET, PAYLOAD))
        .isFalse();
    assertThat(Signatures.sha256HeaderMatches(null, SECRET, PAYLOAD)).isFalse();
  }

  @Test
  void emptySecretNeverVerifies() {
    String signedWithEmpty = "sha256=" + Signatures.hmacSha256Hex(new byte[0], PAYLOAD);
    assertThat(Signatures.sha256HeaderMatches(signedWithEmpty, new byte[0], PAYLOAD)).isFalse();
    assertThat(Signatures.tokenMatches("", new byte[0])).isFalse();
  }

  @Test
  void gitlabTokenMustEqualTheSecretExactly() {
    assertThat(Signatures.tokenMatches("It's a Secret to Everybody", SECRET)).isTrue();
    assertThat(Signatures.tokenMatches("It's a Secret to Everybody ", SECRET)).isFalse();
    assertThat(Signatures.tokenMatches("It's a secret to everybody", SECRET)).isFalse();
    assertThat(Signatures.tokenMatches(null, SECRET)).isFalse();
  }
}
