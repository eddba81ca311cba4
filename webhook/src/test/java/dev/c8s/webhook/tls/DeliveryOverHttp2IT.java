package dev.c8s.webhook.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.GoAway;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A delivery over HTTP/2 (TLS, ALPN) is answered, then its connection ended with a GOAWAY. */
@QuarkusTest
@WithTestResource(TlsControlPlaneResource.class)
class DeliveryOverHttp2IT {
  @TestHTTPResource(value = "/webhooks/github", tls = true)
  URL webhook;

  @Inject Vertx vertx;

  @Test
  void theConnectionOfAnHttp2DeliveryIsEndedWithGoAwaySoTheNextOneReachesAReadyPod()
      throws Exception {
    CompletableFuture<GoAway> goAway = new CompletableFuture<>();
    HttpClientOptions options =
        new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_2)
            .setSsl(true)
            .setUseAlpn(true)
            .setTrustOptions(
                new PemTrustOptions()
                    .addCertValue(Buffer.buffer(TlsControlPlaneResource.certificate().pem())));
    HttpClient client =
        vertx
            .httpClientBuilder()
            .with(options)
            .withConnectHandler(connection -> connection.goAwayHandler(goAway::complete))
            .build();
    try {
      HttpClientResponse answer =
          client
              .request(HttpMethod.POST, webhook.getPort(), webhook.getHost(), webhook.getPath())
              .compose(request -> request.putHeader("Content-Type", "application/json").send("{}"))
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);

      assertThat(answer.version()).isEqualTo(HttpVersion.HTTP_2);
      // unsigned: refused, and the connection ended all the same
      assertThat(answer.statusCode()).isBetween(400, 499);
      assertThat(goAway.get(30, TimeUnit.SECONDS).getErrorCode()).isZero();
    } finally {
      client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
