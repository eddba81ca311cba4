package dev.c8s.model.text;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex: for names, labels, cache keys and redelivery checks. */
public final class Sha256 {
  private Sha256() {}

  /** The hex digest of {@code text}'s UTF-8 bytes. */
  public static String hex(String text) {
    return hex(text.getBytes(UTF_8));
  }

  /** The hex digest of {@code bytes}. */
  public static String hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
