package dev.c8s.api.testing;

import dev.c8s.testing.ControlPlane;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.ServiceIdentities.Service;
import dev.c8s.testing.SharedControlPlane;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The real servers of the tests, one each per JVM: control plane and S3Proxy. */
public final class TestEnvironment {
  /** Logs bucket the api-server under test reads. */
  public static final String LOGS_BUCKET = "c8s-logs";

  /** Artifacts bucket the api-server under test reads. */
  public static final String ARTIFACTS_BUCKET = "c8s-artifacts";

  private static S3ProxyServer s3Server;
  private static S3Client s3;

  private TestEnvironment() {}

  /** The control plane (without workloads: the api-server needs no Jobs to run). */
  public static ControlPlane controlPlane() {
    return SharedControlPlane.get(false);
  }

  /** A client of the S3 server, as the controller would use to archive. */
  public static synchronized S3Client s3() {
    if (s3Server == null) {
      s3Server = S3ProxyServer.start();
      S3ProxyServer started = s3Server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "s3proxy-stop"));
      s3 =
          S3Client.builder()
              .endpointOverride(URI.create(s3Server.endpoint()))
              .forcePathStyle(true)
              .region(Region.US_EAST_1)
              .httpClient(UrlConnectionHttpClient.create())
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(
                          S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
              .build();
      s3.createBucket(b -> b.bucket(LOGS_BUCKET));
      s3.createBucket(b -> b.bucket(ARTIFACTS_BUCKET));
    }
    return s3;
  }

  /** Stores {@code bytes} at {@code key}, as the controller's archiving does. */
  public static void put(String bucket, String key, byte[] bytes) {
    // The JDK's keep-alive cache can hand the URLConnection client a connection S3Proxy has just
    // closed; on an upload the SDK then fails with an UncheckedIOException it does not retry.
    for (int attempt = 1; ; attempt++) {
      try {
        s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        return;
      } catch (UncheckedIOException | SdkClientException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  /** Quarkus configuration pointing the api-server at both servers. */
  public static Map<String, String> quarkusProperties() {
    s3();
    Map<String, String> properties =
        new HashMap<>(controlPlane().identities().quarkusClientProperties(Service.API_SERVER));
    properties.putAll(s3Server.quarkusClientProperties());
    properties.put("c8s.storage.logs-bucket", LOGS_BUCKET);
    properties.put("c8s.storage.artifacts-bucket", ARTIFACTS_BUCKET);
    return properties;
  }
}
