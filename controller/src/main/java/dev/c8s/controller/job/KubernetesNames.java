package dev.c8s.controller.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic names and label values that respect Kubernetes' 63-character limit. */
public final class KubernetesNames {
  /** Longest DNS-1123 label, also the longest label value. */
  public static final int MAX = 63;

  private static final int HASH_LENGTH = 10;

  private KubernetesNames() {}

  /**
   * The Job name of a run's step: {@code <run>-<step>}, or when that is too long, a prefix of it
   * and a hash of the whole, so that distinct steps keep distinct names and a restart finds the
   * same name again.
   */
  public static String jobName(String run, String step) {
    return shorten(run + "-" + step);
  }

  /** {@code name} itself when it fits a label value, else a shortened, hashed form. */
  public static String labelValue(String name) {
    return shorten(name);
  }

  static String shorten(String name) {
    if (name.length() <= MAX) {
      return name;
    }
    String prefix = name.substring(0, MAX - HASH_LENGTH - 1);
    while (prefix.endsWith("-") || prefix.endsWith(".")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return prefix + "-" + sha256(name).substring(0, HASH_LENGTH);
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
