package dev.c8s.webhook.http;

import dev.c8s.webhook.delivery.DeliveryAnswer;
import dev.c8s.webhook.metrics.WebhookMetrics;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads webhook bodies, as raw bytes, up to {@code quarkus.http.limits.max-body-size} and answers a
 * larger one with a JSON 413, whether it announced its length or came in chunks.
 *
 * <p>Quarkus' own limit answers 413 with an empty body, and Vert.x' body handler would decode a
 * form body that must stay raw for its signature; this route runs before both.
 */
@ApplicationScoped
public class WebhookBodyLimit {
  /** The routing context key under which the receivers find the body read here. */
  public static final String BODY = "c8s.webhook.body";

  private final WebhookMetrics metrics;
  private final long limit;

  public WebhookBodyLimit(
      WebhookMetrics metrics,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
    this.metrics = metrics;
    this.limit = limit.asLongValue();
  }

  void install(@Observes Router router) {
    router
        .post("/webhooks/*")
        .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
        .handler(this::readBody);
  }

  private void readBody(RoutingContext context) {
    HttpServerRequest request = context.request();
    String length = request.getHeader("Content-Length");
    if (length != null && announcedTooLarge(length)) {
      tooLarge(context);
      return;
    }
    Buffer body = Buffer.buffer();
    if (request.isEnded()) {
      context.put(BODY, body);
      context.next();
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
            tooLarge(context);
          } else {
            body.appendBuffer(chunk);
          }
        });
    request.endHandler(
        end -> {
          if (!refused[0]) {
            context.put(BODY, body);
            context.next();
          }
        });
    request.resume();
  }

  private boolean announcedTooLarge(String length) {
    try {
      return Long.parseLong(length.strip()) > limit;
    } catch (NumberFormatException e) {
      return false; // the HTTP codec rejects a malformed Content-Length itself
    }
  }

  private void tooLarge(RoutingContext context) {
    String path = context.normalizedPath();
    String provider = path.substring(path.lastIndexOf('/') + 1);
    metrics.event(
        switch (provider) {
          case "github", "gitlab", "bitbucket" -> provider;
          default -> "unknown";
        },
        "other",
        "too_large");
    DeliveryAnswer answer =
        DeliveryAnswer.error(
            null,
            null,
            "the body is larger than " + limit + " bytes, the most c8s accepts (GitHub's own cap)");
    // The rest of the body is never read, so an HTTP/1 connection cannot be reused.
    boolean http1 = context.request().version() != HttpVersion.HTTP_2;
    HttpServerResponse response = context.response().setStatusCode(413);
    response.putHeader("Content-Type", "application/json");
    if (http1) {
      response.putHeader("Connection", "close");
    }
    response
        .end(Json.encode(answer))
        .onComplete(
            sent -> {
              if (http1) {
                context.request().connection().close();
              }
            });
  }
}
