package dev.c8s.controller.forge;

import dev.c8s.model.forge.ForgeRequest;
import dev.c8s.model.v1alpha1.GitProvider;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/** Sends requests to providers' APIs and reads their answers; never throws for a failed one. */
@ApplicationScoped
public class ForgeClient {
  /** A provider slower than this is treated as down for this attempt. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final Clock clock;

  ForgeClient(Clock clock) {
    this.clock = clock;
  }

  /** Sends {@code request}; a transport failure is an answer to retry, like a 5xx. */
  public ForgeAnswer send(GitProvider provider, ForgeRequest request, String secret) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(TIMEOUT)
            .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
    // HttpClient sets User-Agent itself unless told; providers such as GitHub require one.
    request.headers().forEach(builder::setHeader);
    try {
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return ForgeAnswers.classify(
          provider,
          response.statusCode(),
          name -> response.headers().firstValue(name),
          response.body(),
          clock.instant(),
          secret);
    } catch (IOException e) {
      return new ForgeAnswer.Retry(
          ForgeAnswers.name(provider)
              + " could not be reached at "
              + request.uri().getHost()
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")",
          null,
          false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ForgeAnswer.Retry("interrupted", null, false);
    }
  }

  /** What a provider answered: its status and body. */
  public record Exchange(int status, String body) {}

  /**
   * Sends {@code request} and returns the raw answer, for callers that read the body.
   *
   * @throws IOException when the provider cannot be reached
   */
  public Exchange exchange(ForgeRequest request) throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(TIMEOUT)
            .method(
                request.method(),
                request.body().isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(request.body()));
    request.headers().forEach(builder::setHeader);
    HttpResponse<String> response =
        http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    return new Exchange(response.statusCode(), response.body());
  }

  @PreDestroy
  void close() {
    http.close();
  }
}
