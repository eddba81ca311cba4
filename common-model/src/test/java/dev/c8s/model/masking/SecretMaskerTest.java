package dev.c8s.model.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secret values never survive masking, wherever the reads split them. */
class SecretMaskerTest {

  @Test
  void everyOccurrenceOfEverySecretIsMasked() throws IOException {
    SecretMasker masker = new SecretMasker(List.of("hunter22", "s3cr3t-token"));
    assertThat(masked(masker, "pw=hunter22 token=s3cr3t-token again hunter22\n", 1024))
        .isEqualTo("pw=*** token=*** again ***\n");
  }

  @ParameterizedTest(name = "reads of {0} bytes")
  @ValueSource(ints = {1, 2, 3, 5, 7, 13})
  void secretSplitAcrossReadsIsStillMasked(int readSize) throws IOException {
    SecretMasker masker = new SecretMasker(List.of("super-secret-password"));
    String log = "connecting with super-secret-password to db\nsuper-secret-password";
    assertThat(masked(masker, log, readSize))
        .isEqualTo("connecting with *** to db\n***")
        .doesNotContain("super-secret-password");
  }

  @Test
  void secretSpanningTheInternalBufferBoundaryIsMasked() throws IOException {
    String secret = "boundary-secret-value";
    SecretMasker masker = new SecretMasker(List.of(secret));
    StringBuilder log = new StringBuilder();
    Random random = new Random(42);
    while (log.length() < 300_000) {
      log.append("x".repeat(random.nextInt(70_000))).append(secret);
    }
    String out = masked(masker, log.toString(), 8192);
    assertThat(out).doesNotContain(secret);
    assertThat(out.length()).isEqualTo(log.toString().replace(secret, SecretMasker.MASK).length());
  }

  @Test
  void theBase64FormOfASecretIsMaskedWithOrWithoutPadding() throws IOException {
    SecretMasker masker = new SecretMasker(List.of("tok-s3cr3t-value"));
    // base64("tok-s3cr3t-value") = dG9rLXMzY3IzdC12YWx1ZQ== ; the padding stays, harmless
    assertThat(masked(masker, "b64=dG9rLXMzY3IzdC12YWx1ZQ==\n", 5)).isEqualTo("b64=***==\n");
  }

  @Test
  void longerSecretContainingAShorterOneIsMaskedWhole() throws IOException {
    SecretMasker masker = new SecretMasker(List.of("abcd", "xxabcdxx"));
    assertThat(masked(masker, "1 xxabcdxx 2 abcd", 3)).isEqualTo("1 *** 2 ***");
  }

  @Test
  void valuesShorterThanFourCharactersAndBlanksAreLeftAlone() throws IOException {
    SecretMasker masker = new SecretMasker(java.util.Arrays.asList("abc", "", null));
    assertThat(masker.isEmpty()).isTrue();
    assertThat(masked(masker, "abc abc", 2)).isEqualTo("abc abc");
  }

  @Test
  void multiByteCharactersAroundASecretSurviveIntact() throws IOException {
    SecretMasker masker = new SecretMasker(List.of("pässwörd"));
    assertThat(masked(masker, "ünïcödé pässwörd ✓", 1)).isEqualTo("ünïcödé *** ✓");
  }

  @Test
  void streamWithoutSecretsIsCopiedUnchangedAcrossManyBuffers() throws IOException {
    String log = "plain log line\n".repeat(20_000);
    assertThat(masked(new SecretMasker(List.of()), log, 4096)).isEqualTo(log);
  }

  // The module's tests run with -Xmx128m (pom.xml): buffering this stream would not fit.
  @Test
  void maskingALargeStreamNeedsOnlyItsBuffer() throws IOException {
    SecretMasker masker = new SecretMasker(List.of("needle-secret"));
    long size = 256L * 1024 * 1024;
    CountingSink sink = new CountingSink();
    long read = masker.copy(new RepeatingLog(size, "line with needle-secret inside\n"), sink);
    assertThat(read).isEqualTo(size);
    assertThat(sink.sawSecret).isFalse();
    assertThat(sink.count).isLessThan(size);
  }

  @Test
  void liveCopyWritesEachReadAtOnceAndHoldsBackOnlyAPossibleSecretStart() throws IOException {
    SecretMasker masker = new SecretMasker(List.of("hunter22"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> seenBeforeEachRead = new java.util.ArrayList<>();
    InputStream live =
        new InputStream() {
          private final List<String> chunks = List.of("pw=hunter22\n", "next hun", "ter22 ok\n");
          private int next;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            seenBeforeEachRead.add(out.toString(StandardCharsets.UTF_8));
            if (next == chunks.size()) {
              return -1;
            }
            byte[] chunk = chunks.get(next++).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(chunk, 0, b, off, chunk.length);
            return chunk.length;
          }
        };

    masker.copyLive(live, out);

    assertThat(seenBeforeEachRead)
        .containsExactly("", "pw=***\n", "pw=***\nnext ", "pw=***\nnext *** ok\n");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("pw=***\nnext *** ok\n");
  }

  @ParameterizedTest(name = "live reads of {0} bytes")
  @ValueSource(ints = {1, 2, 3, 5, 7, 13})
  void liveCopyMasksSecretsSplitAcrossReads(int readSize) throws IOException {
    SecretMasker masker = new SecretMasker(List.of("super-secret-password", "abcd", "xxabcdxx"));
    String log = "with super-secret-password\n1 xxabcdxx 2 abcd super-secret-passwor";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    masker.copyLive(new ChunkedInput(log.getBytes(StandardCharsets.UTF_8), readSize), out);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("with ***\n1 *** 2 *** super-secret-passwor");
  }

  private static String masked(SecretMasker masker, String log, int readSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    masker.copy(new ChunkedInput(log.getBytes(StandardCharsets.UTF_8), readSize), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Hands out at most {@code chunk} bytes per read, like a network stream. */
  private static final class ChunkedInput extends ByteArrayInputStream {
    private final int chunk;

    ChunkedInput(byte[] data, int chunk) {
      super(data);
      this.chunk = chunk;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, chunk));
    }
  }

  /** An endless-looking log generated on the fly, so the test itself holds no big array. */
  private static final class RepeatingLog extends InputStream {
    private final byte[] line;
    private final long size;
    private long position;

    RepeatingLog(long size, String line) {
      this.size = size;
      this.line = line.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int read() {
      return position < size ? line[(int) (position++ % line.length)] : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - position);
      for (int i = 0; i < n; i++) {
        b[off + i] = line[(int) (position++ % line.length)];
      }
      return n;
    }
  }

  /** Counts bytes and remembers whether the secret's first bytes ever arrived in one write. */
  private static final class CountingSink extends OutputStream {
    long count;
    boolean sawSecret;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
      if (new String(b, off, len, StandardCharsets.UTF_8).contains("needle-secret")) {
        sawSecret = true;
      }
    }
  }
}
