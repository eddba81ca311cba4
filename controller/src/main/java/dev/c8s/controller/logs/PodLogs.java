package dev.c8s.controller.logs;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.client.utils.URLUtils;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A container's log read with one GET on the pod's {@code log} subresource. fabric8's own log calls
 * first start an informer on the pod to wait until it is ready, a LIST and a WATCH per read even
 * with a zero timeout; with a thousand runs at once those requests starved the Lease renewals.
 */
final class PodLogs {
  /** How long the API server may take to start answering (the log then streams). */
  private static final long ANSWER_SECONDS = 30;

  /** Tries per log request (transport failures only; the API server's answers are final). */
  private static final int ATTEMPTS = 4;

  private PodLogs() {}

  /**
   * Opens the log of {@code container}; with {@code follow} the stream stays open until the
   * container ends, and closing it ends the request. A refusal (no such container, not started yet)
   * is a {@link KubernetesClientException} with the API server's message and code.
   */
  static InputStream open(KubernetesClient client, Pod pod, String container, boolean follow) {
    String path =
        "api/v1/namespaces/"
            + encode(pod.getMetadata().getNamespace())
            + "/pods/"
            + encode(pod.getMetadata().getName())
            + "/log?container="
            + encode(container)
            + (follow ? "&follow=true" : "");
    HttpClient http = client.getHttpClient();
    HttpRequest request =
        http.newHttpRequestBuilder()
            .uri(URLUtils.join(client.getMasterUrl().toString(), path))
            .build();
    HttpResponse<InputStream> response = send(http, request, pod, container);
    if (!response.isSuccessful()) {
      throw refusal(response);
    }
    return new KeepAliveBody(response.body());
  }

  /**
   * A body whose close after its end lets the connection be used again. fabric8's body resets the
   * request on every close, and on HTTP/1.1 a reset closes the connection: each log read then cost
   * a new TLS handshake on both sides, about two and a half per step in the controller benchmark.
   * Closed before its end, the request is reset as before (a follower abandoned, a read cut short).
   */
  private static final class KeepAliveBody extends FilterInputStream {
    private boolean ended;

    KeepAliveBody(InputStream body) {
      super(body);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      ended |= b < 0;
      return b;
    }

    @Override
    public int read(byte[] bytes, int off, int len) throws IOException {
      int n = super.read(bytes, off, len);
      ended |= n < 0;
      return n;
    }

    @Override
    public void close() throws IOException {
      if (!ended) {
        super.close();
      }
    }
  }

  /**
   * Sends the request, again after a transport failure: a pooled connection the API server has just
   * closed fails the first use ("Connection was closed"), as fabric8's own calls retry too.
   */
  private static HttpResponse<InputStream> send(
      HttpClient http, HttpRequest request, Pod pod, String container) {
    for (int attempt = 1; ; attempt++) {
      try {
        return http.sendAsync(request, InputStream.class).get(ANSWER_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KubernetesClientException("interrupted while opening the log of " + container, e);
      } catch (ExecutionException | TimeoutException e) {
        if (attempt == ATTEMPTS) {
          throw new KubernetesClientException(
              "the log of " + container + " of pod " + pod.getMetadata().getName() + ": " + e, e);
        }
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(100L << attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted while opening a log", e);
    }
  }

  private static KubernetesClientException refusal(HttpResponse<InputStream> response) {
    String body;
    try (InputStream in =
        response.body() == null
            ? InputStream.nullInputStream()
            : new KeepAliveBody(response.body())) {
      byte[] read = in.readNBytes(64 * 1024);
      // Read on to the end (an answer is small), so the connection can be used again.
      in.read();
      body = new String(read, UTF_8);
    } catch (IOException e) {
      body = e.toString();
    }
    Status status = null;
    try {
      status = Serialization.unmarshal(body, Status.class);
    } catch (RuntimeException notStatus) {
      // Not a Kubernetes Status: the raw body is the message.
    }
    String message =
        status != null && status.getMessage() != null ? status.getMessage() : body.strip();
    return new KubernetesClientException(message, response.code(), status);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, UTF_8);
  }
}
