package dev.c8s.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A push event delivered the way GitHub delivers it: JSON body, event headers, HMAC-SHA256. */
public final class GitHubPush {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private GitHubPush() {}

  /** Sends a push of {@code commit} to {@code branch} of {@code repository}; the answer. */
  public static HttpResponse<String> send(
      URI webhook, String secret, String repository, String branch, String commit)
      throws IOException, InterruptedException {
    String body =
        """
        {"ref":"refs/heads/%s","before":"0000000000000000000000000000000000000000","after":"%s",\
        "repository":{"full_name":"e2e/app","html_url":"%s","clone_url":"%s"},\
        "pusher":{"name":"e2e-tester","email":"e2e@c8s.dev"},\
        "head_commit":{"id":"%s","message":"e2e"}}"""
            .formatted(branch, commit, repository, repository, commit);
    HttpRequest request =
        HttpRequest.newBuilder(webhook.resolve("/webhooks/github"))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", "push")
            .header("X-GitHub-Delivery", UUID.randomUUID().toString())
            .header("X-Hub-Signature-256", "sha256=" + hmacSha256(secret, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String hmacSha256(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
