package dev.c8s.model.v1alpha1;

import dev.c8s.model.text.Sha256;

/**
 * Label values for object names, shortened with a hash past Kubernetes' 63-character limit.
 *
 * <p>Every service that writes or selects by {@link C8s#LABEL_PIPELINE_CONFIG} or {@link
 * C8s#LABEL_PIPELINE_RUN} must compute the value the same way, or selectors miss objects: the same
 * rule as the controller's Job names.
 */
public final class LabelValues {
  /** Longest label value. */
  public static final int MAX = 63;

  private static final int HASH_LENGTH = 10;

  private LabelValues() {}

  /**
   * {@code name} itself when it fits, else a prefix of it, {@code -} and the first ten hex digits
   * of the SHA-256 of the whole name.
   */
  public static String of(String name) {
    if (name.length() <= MAX) {
      return name;
    }
    String prefix = name.substring(0, MAX - HASH_LENGTH - 1);
    while (prefix.endsWith("-") || prefix.endsWith(".")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return prefix + "-" + Sha256.hex(name).substring(0, HASH_LENGTH);
  }
}
