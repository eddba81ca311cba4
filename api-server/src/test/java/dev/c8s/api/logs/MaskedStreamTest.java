package dev.c8s.api.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c8s.model.masking.SecretMasker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The live log path as a unit: pieces arrive, each is masked and flushed at once. */
class MaskedStreamTest {
  // The test control plane has no kubelet, so no pod there has a log to stream.

  private static final SecretMasker MASKER = new SecretMasker(List.of("s3cr3t-token"));

  @Test
  void liveLogIsMaskedAndFlushedPieceByPiece() throws IOException {
    List<String> flushed = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    OutputStream response =
        new OutputStream() {
          @Override
          public void write(int b) {
            body.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            body.write(b, off, len);
          }

          @Override
          public void flush() {
            flushed.add(body.toString(StandardCharsets.UTF_8));
          }
        };
    AtomicBoolean released = new AtomicBoolean();

    new MaskedStream(
            pieces("step 1: login with s3cr", "3t-token\n", "step 2: done\n"),
            MASKER,
            true,
            () -> released.set(true))
        .write(response);

    assertThat(body.toString(StandardCharsets.UTF_8))
        .isEqualTo("step 1: login with ***\nstep 2: done\n");
    // What was certain after each piece was on its way before the next piece arrived.
    assertThat(flushed)
        .startsWith(
            "step 1: login with ",
            "step 1: login with ***\n",
            "step 1: login with ***\nstep 2: done\n");
    assertThat(released).isTrue();
  }

  @Test
  void archivedLogIsMaskedAndTheSourceReleasedEvenWhenTheClientGoesAway() {
    AtomicBoolean released = new AtomicBoolean();
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("client went away");
          }
        };
    MaskedStream stream =
        new MaskedStream(
            new ByteArrayInputStream("x s3cr3t-token".getBytes(StandardCharsets.UTF_8)),
            MASKER,
            false,
            () -> released.set(true));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> stream.write(broken))
        .isInstanceOf(IOException.class);
    assertThat(released).isTrue();
  }

  /** A stream that hands out one piece per read, like a followed pod log. */
  private static InputStream pieces(String... pieces) {
    return new InputStream() {
      private int next;

      @Override
      public int read() {
        throw new UnsupportedOperationException("read in pieces only");
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (next == pieces.length) {
          return -1;
        }
        byte[] piece = pieces[next++].getBytes(StandardCharsets.UTF_8);
        System.arraycopy(piece, 0, b, off, piece.length);
        return piece.length;
      }
    };
  }
}
