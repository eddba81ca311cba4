package dev.c8s.cli.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.c8s.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP to the c8s API server with a bearer token: JSON in and out, logs as streams, and every
 * failure turned into a {@link CliException} that names the server or carries the API's problem.
 */
public final class ApiClient {
  /** Jackson as the API server writes its JSON: ISO dates; fields a newer server adds ignored. */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final URI server;
  private final String token;
  private final HttpClient http;

  private ApiClient(URI server, String token, HttpClient http) {
    this.server = server;
    this.token = token;
    this.http = http;
  }

  /** A client of {@code server} (without trailing slash) sending {@code token}. */
  public static ApiClient create(URI server, String token) {
    return new ApiClient(
        server,
        token,
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build());
  }

  /** The server this client talks to. */
  public URI server() {
    return server;
  }

  /** GET {@code path} (with its query), as JSON. */
  public JsonNode get(String path) {
    return json(send(request(path).GET().build()));
  }

  /** POST {@code body} (JSON, or nothing when null) to {@code path}, the answer as JSON. */
  public JsonNode post(String path, Object body) {
    HttpRequest.BodyPublisher publisher;
    try {
      publisher =
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the request body", e);
    }
    return json(
        send(request(path).header("Content-Type", "application/json").POST(publisher).build()));
  }

  /** GET {@code path} as a stream of text, read as the server writes it. */
  public InputStream stream(String path) {
    return send(request(path).header("Accept", "text/plain").GET().build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server + path))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  /** The body of a 2xx answer; anything else throws with the API's problem detail. */
  private InputStream send(HttpRequest request) {
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException e) {
      throw unreachable("no answer within 10 s");
    } catch (ConnectException e) {
      throw unreachable("connection refused");
    } catch (IOException e) {
      throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failed("interrupted while waiting for " + server);
    }
    if (response.statusCode() / 100 == 2) {
      return response.body();
    }
    String body;
    try (InputStream in = response.body()) {
      body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
    } catch (IOException e) {
      body = "";
    }
    throw CliException.failed(
        ProblemMessage.of(
            response.statusCode(),
            response.headers().firstValue("Content-Type").orElse(""),
            body,
            server));
  }

  private CliException unreachable(String why) {
    return CliException.failed(
        "cannot reach the c8s API server at "
            + server
            + " ("
            + why
            + "); is it running and reachable? For a cluster: "
            + "kubectl -n c8s-system port-forward svc/c8s-api-server 8080:8080");
  }

  private static JsonNode json(InputStream body) {
    try (body) {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw CliException.failed("the API server answered with something that is not JSON");
    }
  }
}
