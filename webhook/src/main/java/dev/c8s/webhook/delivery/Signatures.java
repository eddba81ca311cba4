package dev.c8s.webhook.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures and the constant-time comparisons that check what a provider sent. */
public final class Signatures {
  /** The prefix GitHub and Bitbucket put before the hexadecimal HMAC. */
  public static final String SHA256_PREFIX = "sha256=";

  private Signatures() {}

  /** The lowercase hexadecimal HMAC-SHA256 of {@code body} keyed with {@code secret}. */
  public static String hmacSha256Hex(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      // An empty key is legal for HMAC but not for SecretKeySpec; such a secret never verifies.
      mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }

  /**
   * Whether {@code header}, such as {@code sha256=757107ea...}, is the HMAC of {@code body} with
   * {@code secret}. An empty secret never verifies: it would let anyone sign.
   */
  public static boolean sha256HeaderMatches(String header, byte[] secret, byte[] body) {
    if (header == null || secret.length == 0) {
      return false;
    }
    String sent = header.strip().toLowerCase(Locale.ROOT);
    String expected = SHA256_PREFIX + hmacSha256Hex(secret, body);
    // The sent value goes first: isEqual's time then depends only on what the sender chose.
    return MessageDigest.isEqual(
        sent.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether a plain {@code token} (GitLab's) equals {@code secret}, in constant time. */
  public static boolean tokenMatches(String token, byte[] secret) {
    if (token == null || secret.length == 0) {
      return false;
    }
    return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), secret);
  }
}
