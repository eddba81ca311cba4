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
    return response.body();
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
    try (InputStream in = response.body()) {
      body = in == null ? "" : new String(in.readNBytes(64 * 1024), UTF_8);
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
