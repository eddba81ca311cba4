package dev.c8s.api.logs;

import dev.c8s.model.masking.SecretMasker;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A response body that streams a log through the secret masker, live or archived. */
public final class MaskedStream implements StreamingOutput {
  private final InputStream source;
  private final SecretMasker masker;
  private final boolean live;
  private final AutoCloseable onClose;

  public MaskedStream(
      InputStream source, SecretMasker masker, boolean live, AutoCloseable onClose) {
    this.source = source;
    this.masker = masker;
    this.live = live;
    this.onClose = onClose;
  }

  @Override
  public void write(OutputStream output) throws IOException {
    try (InputStream in = source) {
      if (live) {
        masker.copyLive(in, output);
      } else {
        masker.copy(in, output);
      }
    } finally {
      try {
        onClose.close();
      } catch (Exception e) {
        // the log was delivered; failing to release the watch only wastes a connection
      }
    }
  }
}
