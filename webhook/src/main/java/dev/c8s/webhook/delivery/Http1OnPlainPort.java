package dev.c8s.webhook.delivery;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refuses the HTTP/2 cleartext upgrade on the plain port, so every delivery there is HTTP/1.1 and
 * its connection closed after the answer (decision 0079). No forge asks for h2c, but java.net.http
 * does by default: an upgraded connection was kept for the next delivery, and a rollout's old pod
 * closed it under that delivery ("EOF reached while reading").
 */
@ApplicationScoped
public class Http1OnPlainPort implements HttpServerOptionsCustomizer {
  @Override
  public void customizeHttpServer(HttpServerOptions options) {
    options.setHttp2ClearTextEnabled(false);
  }
}
