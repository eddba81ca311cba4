package dev.c8s.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 by hand, for requests a client library would not send: huge or unfinished bodies. */
public final class RawHttp {
  private RawHttp() {}

  /**
   * Sends the request head, then {@code chunkedBytes} bytes as chunks (no final chunk), and returns
   * everything the server answered until it closed the connection.
   */
  public static String exchange(int port, String head, long chunkedBytes) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[64 * 1024];
      for (long sent = 0; sent < chunkedBytes; sent += chunk.length) {
        int size = (int) Math.min(chunk.length, chunkedBytes - sent);
        out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk, 0, size);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }
}
