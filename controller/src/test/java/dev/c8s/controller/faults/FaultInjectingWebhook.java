package dev.c8s.controller.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real validating admission webhook the API server calls over TLS: it answers chosen requests
 * with the errors a busy or failing cluster produces (409, 429, 5xx), so the controller meets them
 * through the real API server rather than a mocked client.
 */
public final class FaultInjectingWebhook implements AutoCloseable {
  /** An error the API server returns instead of admitting the request. */
  public record Fault(int code, String reason, String message) {}

  /** The etcd hiccup behind "leader changed" 500s. */
  public static final Fault LEADER_CHANGED =
      new Fault(500, "InternalError", "etcdserver: leader changed");

  public static final Fault CONFLICT =
      new Fault(409, "Conflict", "Operation cannot be fulfilled: the object has been modified");

  public static final Fault UNAVAILABLE =
      new Fault(503, "ServiceUnavailable", "the server is currently unable to handle the request");

  public static final Fault TOO_MANY_REQUESTS =
      new Fault(429, "TooManyRequests", "too many requests, please try again later");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpsServer server;
  private final SelfSignedCertificate certificate;
  private final Map<String, Deque<Fault>> scripted = new ConcurrentHashMap<>();
  private final Map<String, Fault> held = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

  private FaultInjectingWebhook(HttpsServer server, SelfSignedCertificate certificate) {
    this.server = server;
    this.certificate = certificate;
  }

  /** Starts the webhook on a free port of 127.0.0.1 with a fresh self-signed certificate. */
  public static FaultInjectingWebhook start() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.forLoopback();
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(certificate.sslContext()));
    FaultInjectingWebhook webhook = new FaultInjectingWebhook(server, certificate);
    server.createContext("/", webhook::answer);
    server.start();
    return webhook;
  }

  /** The URL to register in a ValidatingWebhookConfiguration. */
  public String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/admit";
  }

  /** The PEM of the certificate the webhook serves, for the configuration's caBundle. */
  public String certificatePem() {
    return certificate.pem();
  }

  /**
   * The next requests for {@code resource} (e.g. {@code jobs}, {@code pipelineruns/status}) fail.
   */
  public synchronized void script(String resource, Fault... faults) {
    scripted.computeIfAbsent(resource, r -> new ArrayDeque<>()).addAll(List.of(faults));
  }

  /** Every request for {@code resource} fails with {@code fault} until {@link #release}. */
  public void hold(String resource, Fault fault) {
    held.put(resource, fault);
  }

  public void release(String resource) {
    held.remove(resource);
  }

  /** How many faults were answered for {@code resource}. */
  public int served(String resource) {
    return served.getOrDefault(resource, new AtomicInteger()).get();
  }

  /** Whether every scripted fault for {@code resource} has been answered. */
  public synchronized boolean scriptDone(String resource) {
    Deque<Fault> left = scripted.get(resource);
    return left == null || left.isEmpty();
  }

  private void answer(HttpExchange exchange) throws IOException {
    JsonNode request = JSON.readTree(exchange.getRequestBody()).path("request");
    String resource = request.path("resource").path("resource").asText();
    String sub = request.path("subResource").asText("");
    String key = sub.isEmpty() ? resource : resource + "/" + sub;
    Fault fault = next(key);
    ObjectNode response = JSON.createObjectNode();
    response.put("uid", request.path("uid").asText());
    response.put("allowed", fault == null);
    if (fault != null) {
      served.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      ObjectNode status = response.putObject("status");
      status.put("code", fault.code());
      status.put("reason", fault.reason());
      status.put("message", fault.message());
    }
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1");
    review.put("kind", "AdmissionReview");
    review.set("response", response);
    byte[] body = JSON.writeValueAsBytes(review);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private synchronized Fault next(String key) {
    Fault hold = held.get(key);
    if (hold != null) {
      return hold;
    }
    Deque<Fault> queue = scripted.get(key);
    return queue == null ? null : queue.poll();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
