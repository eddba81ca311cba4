package dev.c8s.e2e;

import dev.c8s.e2e.images.ImageContents;
import dev.c8s.testing.PackagedService;
import dev.c8s.testing.S3ProxyServer;
import dev.c8s.testing.ServiceIdentities;
import dev.c8s.testing.ServiceIdentities.Service;
import dev.c8s.testing.node.NodeImages;
import dev.c8s.testing.node.RealNodeCluster;
import dev.c8s.testing.node.SharedRealNodeCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * c8s as a cluster runs it, once per test JVM: the packaged controller and webhook, each as its
 * chart ServiceAccount, against a real node whose pods reach S3Proxy on the bridge address.
 */
final class Platform {
  static final String LOGS_BUCKET = "c8s-logs";
  private static final Duration STARTUP = Duration.ofSeconds(120);

  /**
   * As every test JVM of the build (parent pom): under load the test API server closed HTTP/2
   * connections mid-request ("Connection was closed").
   */
  private static final Map<String, String> HTTP1 = Map.of("kubernetes.http2.disable", "true");

  private static Platform instance;

  private final RealNodeCluster cluster;
  private final S3ProxyServer s3Server;
  private final S3Client s3;
  private final PackagedService controller;
  private final PackagedService webhook;

  private Platform(
      RealNodeCluster cluster,
      S3ProxyServer s3Server,
      PackagedService controller,
      PackagedService webhook) {
    this.cluster = cluster;
    this.s3Server = s3Server;
    this.controller = controller;
    this.webhook = webhook;
    this.s3 = TestObjects.s3Client(s3Server);
  }

  /** The platform, started on first use and stopped when the JVM exits. */
  static synchronized Platform get() {
    if (instance == null) {
      RealNodeCluster cluster = SharedRealNodeCluster.get();
      cluster.installCrds();
      // A 100 MB log, its live segments and the parts of its upload are in S3Proxy's memory at
      // once.
      S3ProxyServer s3 = S3ProxyServer.startOn(cluster.hostAddress(), "-Xmx1g");
      PackagedService controller =
          start(
              "controller",
              controllerProperties(cluster, s3),
              // smaller than the 100 MB log of QuotaAndLargeLogE2E: archiving must stream
              "-Xmx96m");
      PackagedService webhook = start("webhook", webhookProperties(cluster), "-Xmx256m");
      controller.awaitReady(STARTUP);
      webhook.awaitReady(STARTUP);
      instance = new Platform(cluster, s3, controller, webhook);
      Platform started = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "platform-stop"));
    }
    return instance;
  }

  /**
   * Starts {@code service} from its image's runtime and application when the images were built,
   * else from its packaged jar on the test's own Java.
   */
  private static PackagedService start(
      String service, Map<String, String> properties, String maxHeap) {
    return ImageContents.of(service)
        .map(
            image ->
                PackagedService.start(image.java(), image.jar(), properties, log(service), maxHeap))
        .orElseGet(() -> PackagedService.start(jar(service), properties, log(service), maxHeap));
  }

  private static Map<String, String> controllerProperties(
      RealNodeCluster cluster, S3ProxyServer s3) {
    Map<String, String> p = new HashMap<>(cluster.quarkusClientProperties(Service.CONTROLLER));
    p.putAll(s3.quarkusClientProperties());
    p.put("c8s.storage.create-buckets", "true");
    p.put("c8s.storage.logs-bucket", LOGS_BUCKET);
    p.put("c8s.controller.git-image", NodeImages.HELPER);
    p.put("c8s.controller.transfer-image", NodeImages.HELPER);
    p.put("c8s.controller.lease-namespace", ServiceIdentities.RELEASE_NAMESPACE);
    p.putAll(HTTP1);
    return p;
  }

  private static Map<String, String> webhookProperties(RealNodeCluster cluster) {
    Map<String, String> p = new HashMap<>(cluster.quarkusClientProperties(Service.WEBHOOK));
    p.putAll(HTTP1);
    return p;
  }

  private static Path jar(String service) {
    String path = System.getProperty("c8s." + service + ".jar");
    if (path == null) {
      throw new IllegalStateException("system property c8s." + service + ".jar is not set");
    }
    return Path.of(path);
  }

  private static Path log(String service) {
    return Path.of("target/e2e-" + service + ".log");
  }

  /** The administrator's client, for set-up and assertions. */
  KubernetesClient admin() {
    return cluster.client();
  }

  RealNodeCluster cluster() {
    return cluster;
  }

  /** The address of this machine that pods reach (test servers listen there). */
  String hostAddress() {
    return cluster.hostAddress();
  }

  /** The webhook's base URL, e.g. {@code http://127.0.0.1:40123/}. */
  URI webhook() {
    try {
      return webhook.baseUri();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  PackagedService controller() {
    return controller;
  }

  /** The text of an archived object named by an {@code s3://bucket/key} URL. */
  String object(String s3Url) {
    URI uri = URI.create(s3Url);
    String key = uri.getPath().substring(1);
    return s3.getObjectAsBytes(b -> b.bucket(uri.getHost()).key(key)).asUtf8String();
  }

  /** The text of the objects under {@code prefix} in the logs bucket, in key order. */
  String logObjects(String prefix) {
    StringBuilder text = new StringBuilder();
    s3.listObjectsV2Paginator(b -> b.bucket(LOGS_BUCKET).prefix(prefix)).contents().stream()
        .map(o -> o.key())
        .sorted()
        .forEach(
            key ->
                text.append(
                    s3.getObjectAsBytes(b -> b.bucket(LOGS_BUCKET).key(key)).asUtf8String()));
    return text.toString();
  }

  /** The size in bytes of an object named by an {@code s3://bucket/key} URL. */
  long objectSize(String s3Url) {
    URI uri = URI.create(s3Url);
    String key = uri.getPath().substring(1);
    return s3.headObject(b -> b.bucket(uri.getHost()).key(key)).contentLength();
  }

  private void stop() {
    webhook.close();
    controller.close();
    s3Server.close();
  }
}
