package dev.c8s.webhook.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c8s.webhook.metrics.WebhookMetrics;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The receivers {@code POST /webhooks/github|gitlab|bitbucket|gitea}: raw body in, JSON answer out.
 */
@ApplicationScoped
public class WebhookRoutes {
  // A plain Vert.x route ahead of Quarkus' own body limit (which answers 413 with no body): the
  // body must reach the signature check exactly as sent, a form body undecoded, and an oversized
  // one gets a JSON 413 whether announced or chunked (decision 0013).
  private static final Logger LOG = Logger.getLogger(WebhookRoutes.class);

  private final DeliveryHandler handler;
  private final WebhookMetrics metrics;
  private final Map<String, ProviderProtocol> protocols;
  private final long limit;
  private final ObjectMapper json;

  public WebhookRoutes(
      DeliveryHandler handler,
      WebhookMetrics metrics,
      GitHubProtocol github,
      GitLabProtocol gitlab,
      BitbucketProtocol bitbucket,
      GiteaProtocol gitea,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit,
      ObjectMapper json) {
    this.json = json;
    this.handler = handler;
    this.metrics = metrics;
    this.protocols =
        Map.of("github", github, "gitlab", gitlab, "bitbucket", bitbucket, "gitea", gitea);
    this.limit = limit.asLongValue();
  }

  void install(@Observes Router router) {
    router
        .post("/webhooks/:provider")
        .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
        .handler(this::receive);
  }

  private void receive(RoutingContext context) {
    ProviderProtocol protocol = protocols.get(context.pathParam("provider"));
    if (protocol == null) {
      context.next(); // not a receiver: Quarkus answers 404
      return;
    }
    LimitedBody.read(
        context.request(),
        limit,
        body -> {
          Map<String, String> headers = new HashMap<>();
          context.request().headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
          DeliveryRequest request = new DeliveryRequest(headers, body.getBytes());
          context
              .vertx()
              .executeBlocking(() -> handler.handle(protocol, request), false)
              .onSuccess(answer -> respond(context, answer.status(), answer.body()))
              .onFailure(
                  failure -> {
                    LOG.errorf(failure, "%s delivery failed", protocol.name());
                    respond(context, 500, DeliveryAnswer.error(null, null, "internal error"));
                  });
        },
        () -> tooLarge(context, protocol));
  }

  private void tooLarge(RoutingContext context, ProviderProtocol protocol) {
    metrics.event(
        protocol.name(), protocol.eventName(protocol.event(headersOnly(context))), "too_large");
    respond(
        context,
        413,
        DeliveryAnswer.error(
            null,
            null,
            "the body is larger than "
                + limit
                + " bytes, the most c8s accepts (GitHub's own cap)"));
  }

  private static DeliveryRequest headersOnly(RoutingContext context) {
    Map<String, String> headers = new HashMap<>();
    context.request().headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
    return new DeliveryRequest(headers, new byte[0]);
  }

  /**
   * Writes {@code answer}, then ends the connection: on HTTP/1 with {@code Connection: close}, on
   * HTTP/2 with a GOAWAY once the answer is out. A sender that kept the connection for its next
   * delivery could write it just as a rolling update's old pod closes the connection, and lose it
   * ("broken pipe", "EOF"; no client retries a POST); a fresh connection per delivery goes through
   * the Service to a ready pod (decisions 0056, 0079).
   */
  private void respond(RoutingContext context, int status, DeliveryAnswer answer) {
    String body;
    try {
      body = json.writeValueAsString(answer);
    } catch (JsonProcessingException e) {
      body = "{\"error\":\"internal error\"}";
    }
    boolean http2 = context.request().version() == HttpVersion.HTTP_2;
    HttpServerResponse response = context.response().setStatusCode(status);
    response.putHeader("Content-Type", "application/json");
    if (!http2) {
      response.putHeader("Connection", "close");
    }
    HttpConnection connection = context.request().connection();
    response
        .end(body)
        .onComplete(
            sent -> {
              if (http2) {
                // GOAWAY: streams the client already opened are still answered, then it closes
                connection.shutdown();
              } else {
                connection.close();
              }
            });
  }
}
