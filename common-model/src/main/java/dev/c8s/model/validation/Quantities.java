package dev.c8s.model.validation;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** Kubernetes quantities as numbers (cores, bytes) and back into text for messages. */
final class Quantities {
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final BigDecimal MI = BigDecimal.valueOf(1024L * 1024);
  private static final BigDecimal GI = MI.multiply(BigDecimal.valueOf(1024));

  private Quantities() {}

  /** Cores for a CPU quantity, bytes for a memory quantity; empty when it cannot be parsed. */
  static Optional<BigDecimal> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Quantity.getAmountInBytes(new Quantity(text.trim())));
    } catch (RuntimeException e) {
      // fabric8 signals malformed quantities with NumberFormatException or IllegalArgumentException
      return Optional.empty();
    }
  }

  /** {@code 2} or {@code 1500m}. */
  static String formatCpu(BigDecimal cores) {
    BigDecimal whole = cores.stripTrailingZeros();
    if (whole.scale() <= 0) {
      return whole.toBigInteger().toString();
    }
    return cores.multiply(THOUSAND).setScale(0, RoundingMode.CEILING).toBigInteger() + "m";
  }

  /** {@code 3Gi} when whole gibibytes, else mebibytes rounded up, such as {@code 1536Mi}. */
  static String formatMemory(BigDecimal bytes) {
    if (bytes.remainder(GI).signum() == 0) {
      return bytes.divide(GI).toBigInteger() + "Gi";
    }
    return bytes.divide(MI, 0, RoundingMode.CEILING).toBigInteger() + "Mi";
  }
}
