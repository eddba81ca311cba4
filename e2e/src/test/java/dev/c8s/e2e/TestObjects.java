package dev.c8s.e2e;

import dev.c8s.testing.S3ProxyServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What several end-to-end tests create the same way: Secrets, and a client of the test S3 server.
 */
public final class TestObjects {
  private TestObjects() {}

  /** Creates the Secret {@code name} in {@code namespace} from string values, as kubectl would. */
  public static void secret(
      KubernetesClient admin, String namespace, String name, Map<String, String> data) {
    admin
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withStringData(data)
                .build())
        // Created, or replaced: a test may change a Secret between runs.
        .createOr(existing -> existing.update());
  }

  /** An S3 client of {@code s3} with its credentials (the caller closes it). */
  public static S3Client s3Client(S3ProxyServer s3) {
    return S3Client.builder()
        .endpointOverride(URI.create(s3.endpoint()))
        .forcePathStyle(true)
        .region(Region.of(S3ProxyServer.REGION))
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
        .build();
  }
}
