package dev.c8s.model.masking;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Copies a log from a stream to a stream replacing every secret value with {@value #MASK}, also
 * when a value is split across reads, in memory bounded by the buffer size plus the longest secret.
 *
 * <p>Values shorter than {@value #MIN_LENGTH} characters are not masked: masking "1" or "ab" would
 * garble every log while revealing nothing worth hiding. Each value's base64 form (standard
 * alphabet, padding dropped) is masked too, as a step printing {@code echo -n $TOKEN | base64}
 * would otherwise reveal it.
 */
public final class SecretMasker {
  /** What a secret value is replaced with. */
  public static final String MASK = "***";

  /** Shortest value that is masked. */
  public static final int MIN_LENGTH = 4;

  private static final byte[] MASK_BYTES = MASK.getBytes(StandardCharsets.UTF_8);
  private static final int BUFFER = 64 * 1024;

  private final List<byte[]> secrets;
  private final int longest;

  /** A masker for these values (nulls, blanks and too-short values are ignored). */
  public SecretMasker(Collection<String> values) {
    this.secrets =
        values.stream()
            .filter(Objects::nonNull)
            .filter(v -> v.length() >= MIN_LENGTH)
            .flatMap(v -> Stream.of(v, base64(v)))
            .distinct()
            .map(v -> v.getBytes(StandardCharsets.UTF_8))
            // Longest first, so a value that contains another is masked whole.
            .sorted(Comparator.comparingInt((byte[] b) -> b.length).reversed())
            .toList();
    this.longest = secrets.isEmpty() ? 0 : secrets.get(0).length;
  }

  private static String base64(String value) {
    return Base64.getEncoder()
        .withoutPadding()
        .encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether there is anything to mask. */
  public boolean isEmpty() {
    return secrets.isEmpty();
  }

  /** Masks a whole string (for short texts such as error messages). */
  public String mask(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String result = text;
    for (byte[] secret : secrets) {
      result = result.replace(new String(secret, StandardCharsets.UTF_8), MASK);
    }
    return result;
  }

  /** Copies {@code in} to {@code out}, masked; returns the number of bytes read. */
  public long copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[BUFFER + longest];
    int filled = 0;
    long total = 0;
    int read;
    while ((read = in.read(buffer, filled, buffer.length - filled)) != -1) {
      total += read;
      filled += read;
      if (filled < buffer.length) {
        continue;
      }
      // Positions from which a secret might still extend past the data are kept for later.
      int decided = emit(buffer, filled, filled - longest + 1, out);
      System.arraycopy(buffer, decided, buffer, 0, filled - decided);
      filled -= decided;
    }
    emit(buffer, filled, filled, out);
    out.flush();
    return total;
  }

  /**
   * Like {@link #copy}, for a log that is followed while it is written: after every read it writes
   * and flushes everything that can no longer become part of a secret, holding back only a tail
   * that is the beginning of one. {@link #copy} waits for a full buffer, which would delay a live
   * log by up to 64 KiB.
   */
  public long copyLive(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[BUFFER + longest];
    int filled = 0;
    long total = 0;
    int read;
    while ((read = in.read(buffer, filled, buffer.length - filled)) != -1) {
      total += read;
      filled += read;
      int decided = emit(buffer, filled, undecidedTail(buffer, filled), out);
      System.arraycopy(buffer, decided, buffer, 0, filled - decided);
      filled -= decided;
      out.flush();
    }
    emit(buffer, filled, filled, out);
    out.flush();
    return total;
  }

  /** The first position whose remaining data is the start of a secret, else {@code filled}. */
  private int undecidedTail(byte[] buffer, int filled) {
    for (int i = Math.max(0, filled - longest + 1); i < filled; i++) {
      for (byte[] secret : secrets) {
        int length = filled - i;
        if (length < secret.length && Arrays.equals(buffer, i, filled, secret, 0, length)) {
          return i;
        }
      }
    }
    return filled;
  }

  /**
   * Writes the masked data of {@code buffer[0, filled)} for every start position below {@code
   * limit}; returns how many bytes were consumed (a match may consume beyond {@code limit}).
   */
  private int emit(byte[] buffer, int filled, int limit, OutputStream out) throws IOException {
    int start = 0;
    int i = 0;
    int end = Math.min(Math.max(limit, 0), filled);
    while (i < end) {
      byte[] match = matchAt(buffer, filled, i);
      if (match == null) {
        i++;
        continue;
      }
      out.write(buffer, start, i - start);
      out.write(MASK_BYTES);
      i += match.length;
      start = i;
    }
    out.write(buffer, start, i - start);
    return i;
  }

  private byte[] matchAt(byte[] buffer, int filled, int position) {
    for (byte[] secret : secrets) {
      if (position + secret.length <= filled
          && Arrays.equals(buffer, position, position + secret.length, secret, 0, secret.length)) {
        return secret;
      }
    }
    return null;
  }
}
