package dev.c8s.controller.logs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The exact S3 calls the retention makes, as the AWS SDK puts them on the wire: a loopback server
 * answers like S3 for a bucket without lifecycle rules and records what it was sent (the S3 server
 * of the tests, S3Proxy, does not implement lifecycle configuration).
 */
class StorageRetentionRequestTest {
  private record Request(String method, String query, String body) {}

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
          requests.add(
              new Request(
                  exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(), body));
          byte[] answer = new byte[0];
          int status = 200;
          if ("GET".equals(exchange.getRequestMethod())) {
            status = 404;
            answer =
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchLifecycleConfiguration"
                        + "</Code><Message>The lifecycle configuration does not exist</Message></Error>")
                    .getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
          }
          exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aBucketWithoutRulesGetsOneThatExpiresEveryObjectAfterTheDays() {
    try (S3Client s3 =
        LargeLogArchiveProbe.client("http://127.0.0.1:" + server.getAddress().getPort())) {
      StorageRetention.apply(s3, "c8s-logs", 30);
    }

    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).method()).isEqualTo("GET");
    assertThat(requests.get(0).query()).startsWith("lifecycle");
    Request put = requests.get(1);
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.query()).startsWith("lifecycle");
    assertThat(put.body().replaceAll("\\s", ""))
        .contains("<LifecycleConfiguration")
        .contains("<ID>c8s-retention</ID>")
        .contains("<Filter><Prefix></Prefix></Filter>")
        .contains("<Status>Enabled</Status>")
        .contains("<Expiration><Days>30</Days></Expiration>");
  }

  @Test
  void zeroDaysOnABucketWithoutRulesWritesNothing() {
    try (S3Client s3 =
        LargeLogArchiveProbe.client("http://127.0.0.1:" + server.getAddress().getPort())) {
      StorageRetention.apply(s3, "c8s-logs", 0);
    }

    assertThat(requests).extracting(Request::method).containsExactly("GET");
  }
}
