package dev.c8s.webhook.http;

import dev.c8s.webhook.delivery.DeliveryAnswer;
import dev.c8s.webhook.metrics.WebhookMetrics;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads webhook bodies up to {@code quarkus.http.limits.max-body-size} and answers a larger one
 * with a JSON 413, whether it announced its length or came in chunks.
 *
 * <p>Quarkus' own limit answers 413 with an empty body; this route runs just before it.
 */
@ApplicationScoped
public class WebhookBodyLimit {
  /** Where the receivers find the body this route has read. */
  public static final String PATHS = "/webhooks/*";

  private final WebhookMetrics metrics;
  private final long limit;

  public WebhookBodyLimit(
      WebhookMetrics metrics,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
    this.metrics = metrics;
    this.limit = limit.asLongValue();
  }

  void install(@Observes Router router) {
    Route route = router.route(PATHS).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1);
    route.handler(BodyHandler.create(false).setBodyLimit(limit).setMergeFormAttributes(false));
    route.failureHandler(this::tooLarge);
  }

  private void tooLarge(RoutingContext context) {
    if (context.statusCode() != 413) {
      context.next();
      return;
    }
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
