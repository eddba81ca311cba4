package dev.c8s.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that holds everything a client sends for a fixed time before passing it
 * on: every request to the server behind it (an S3 server, say) is answered that much later, as
 * from a slow or distant object store. Answers flow back at once.
 */
public final class LatencyProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final Duration latency;
  private final AtomicLong requests = new AtomicLong();
  private volatile boolean closed;

  private LatencyProxy(ServerSocket listener, int targetPort, Duration latency) {
    this.listener = listener;
    this.targetPort = targetPort;
    this.latency = latency;
  }

  /** Proxies a free loopback port to {@code targetPort} on loopback with {@code latency}. */
  public static LatencyProxy start(int targetPort, Duration latency) {
    try {
      ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      LatencyProxy proxy = new LatencyProxy(listener, targetPort, latency);
      Thread.ofPlatform().daemon().name("latency-proxy").start(proxy::accept);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The proxy's port. */
  public int port() {
    return listener.getLocalPort();
  }

  /** How many chunks clients sent (each request at least one): proof the delay was applied. */
  public long delayedChunks() {
    return requests.get();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        ScheduledExecutorService later =
            Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("latency-proxy-send").unstarted(r));
        Thread.ofPlatform().daemon().start(() -> delayed(client, server, later));
        Thread.ofPlatform().daemon().start(() -> direct(server, client));
      } catch (IOException e) {
        if (!closed) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** Client to server: each chunk is sent {@link #latency} after it arrived, in order. */
  private void delayed(Socket client, Socket server, ScheduledExecutorService later) {
    try (InputStream in = client.getInputStream()) {
      OutputStream out = server.getOutputStream();
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) != -1; ) {
        byte[] chunk = Arrays.copyOf(buffer, n);
        requests.incrementAndGet();
        later.schedule(() -> send(out, chunk, server), latency.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (IOException e) {
      // The client went away; the server side is closed after what is queued.
    } finally {
      later.schedule(() -> closeQuietly(server), latency.toMillis(), TimeUnit.MILLISECONDS);
      later.shutdown();
    }
  }

  private static void send(OutputStream out, byte[] chunk, Socket server) {
    try {
      out.write(chunk);
      out.flush();
    } catch (IOException e) {
      closeQuietly(server);
    }
  }

  /** Server to client: at once. */
  private static void direct(Socket server, Socket client) {
    try (InputStream in = server.getInputStream();
        OutputStream out = client.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // Either side closed.
    } finally {
      closeQuietly(client);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }
}
