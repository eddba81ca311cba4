package dev.c8s.controller.repository;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which webhook URLs a provider could call: not a Service name, not loopback. */
class WebhookRegistrarTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "https://ci.example.com/webhooks/github, true",
    "https://203.0.113.7:8443/webhooks/gitlab, true",
    "http://c8s-webhook.c8s-system.svc:8080/webhooks/github, false",
    "http://c8s-webhook.c8s-system.svc.cluster.local/webhooks/github, false",
    "http://localhost:8080/webhooks/github, false",
    "http://127.0.0.1:8080/webhooks/github, false",
    "http://c8s-webhook:8080/webhooks/github, false"
  })
  void onlyAnAddressOutsideTheClusterIsRegistered(String url, boolean reachable) {
    assertThat(WebhookRegistrar.isPublic(url)).isEqualTo(reachable);
  }
}
