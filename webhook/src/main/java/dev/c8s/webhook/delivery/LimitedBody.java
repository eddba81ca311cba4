package dev.c8s.webhook.delivery;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Consumer;

/** Reads a request body as raw bytes up to a limit, whether its length was announced or not. */
final class LimitedBody {
  private LimitedBody() {}

  /**
   * Calls {@code whole} with the body once it has arrived, or {@code tooLarge} as soon as it is
   * announced or seen to exceed {@code limit} bytes (the rest is then never read).
   */
  static void read(
      HttpServerRequest request, long limit, Consumer<Buffer> whole, Runnable tooLarge) {
    String length = request.getHeader("Content-Length");
    if (length != null && announced(length) > limit) {
      tooLarge.run();
      return;
    }
    Buffer body = Buffer.buffer();
    if (request.isEnded()) {
      whole.accept(body);
      return;
    }
    boolean[] refused = {false};
    request.handler(
        chunk -> {
          if (refused[0]) {
            return;
          }
          if (body.length() + (long) chunk.length() > limit) {
            refused[0] = true;
            tooLarge.run();
          } else {
            body.appendBuffer(chunk);
          }
        });
    request.endHandler(
        end -> {
          if (!refused[0]) {
            whole.accept(body);
          }
        });
    request.resume();
  }

  private static long announced(String length) {
    try {
      return Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return -1; // the HTTP codec rejects a malformed Content-Length itself
    }
  }
}
