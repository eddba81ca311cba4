package dev.c8s.testing.node;

import io.fabric8.kubeapitest.cert.CertManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * The real node's certificates: self-signed pairs (each trusted by listing it in a CA bundle), kept
 * in the cache between runs because generating RSA keys costs seconds on two cores.
 */
final class NodePki {
  /** Regenerate well before CertManager's one-year validity ends. */
  private static final Duration MAX_AGE = Duration.ofDays(300);

  /** One certificate and its key. */
  record Pair(Path cert, Path key) {}

  /** kube-apiserver's serving certificate; also the CA pods get in their ServiceAccount token. */
  final Pair serving;

  /** {@code system:masters}: tests, controller-manager, scheduler and kube-proxy. */
  final Pair admin;

  /** {@code system:node:<node>} in {@code system:nodes}, as the Node authorizer expects. */
  final Pair node;

  /** kube-apiserver's client certificate towards kubelet (logs, exec, port-forward). */
  final Pair kubeletClient;

  /** Signs and verifies ServiceAccount tokens. */
  final Pair serviceAccount;

  /** The clients kube-apiserver accepts. */
  final Path apiServerClientCa;

  /** The clients kubelet accepts. */
  final Path kubeletClientCa;

  private NodePki(Path dir) {
    serving = new Pair(dir.resolve("serving.crt"), dir.resolve("serving.key"));
    admin = new Pair(dir.resolve("admin.crt"), dir.resolve("admin.key"));
    node = new Pair(dir.resolve("node.crt"), dir.resolve("node.key"));
    kubeletClient = new Pair(dir.resolve("kubelet-client.crt"), dir.resolve("kubelet-client.key"));
    serviceAccount = new Pair(dir.resolve("sa.crt"), dir.resolve("sa.key"));
    apiServerClientCa = dir.resolve("apiserver-client-ca.crt");
    kubeletClientCa = dir.resolve("kubelet-client-ca.crt");
  }

  /** The PKI under {@code cacheDir}, generating what is missing or old. */
  static NodePki load(Path cacheDir) {
    // The addresses are part of the serving certificate: a new layout gets new certificates.
    Path dir = cacheDir.resolve("pki-v1-" + NodeLayout.GATEWAY + "-" + NodeLayout.NODE_NAME);
    NodePki pki = new NodePki(dir);
    try {
      Files.createDirectories(dir);
      pki.ensure(
          pki.serving,
          "CN=kube-apiserver",
          ip(NodeLayout.GATEWAY),
          ip("127.0.0.1"),
          ip(NodeLayout.FIRST_SERVICE_IP),
          dns("localhost"),
          dns("kubernetes"),
          dns("kubernetes.default"),
          dns("kubernetes.default.svc"),
          dns("kubernetes.default.svc.cluster.local"));
      pki.ensure(pki.admin, "O=system:masters,CN=c8s-admin");
      pki.ensure(pki.node, "O=system:nodes,CN=system:node:" + NodeLayout.NODE_NAME);
      pki.ensure(pki.kubeletClient, "O=system:masters,CN=kube-apiserver-kubelet-client");
      pki.ensure(pki.serviceAccount, "CN=service-accounts");
      bundle(pki.apiServerClientCa, pki.admin.cert(), pki.node.cert());
      bundle(pki.kubeletClientCa, pki.kubeletClient.cert(), pki.admin.cert());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pki;
  }

  private void ensure(Pair pair, String dn, GeneralName... sans) throws IOException {
    Instant oldest = Instant.now().minus(MAX_AGE);
    if (Files.isRegularFile(pair.cert())
        && Files.isRegularFile(pair.key())
        && Files.getLastModifiedTime(pair.cert()).compareTo(FileTime.from(oldest)) > 0) {
      return;
    }
    CertManager.generateKeyAndCertificate(dn, pair.key().toFile(), pair.cert().toFile(), sans);
  }

  private static void bundle(Path target, Path... certs) throws IOException {
    StringBuilder pem = new StringBuilder();
    for (Path cert : certs) {
      pem.append(Files.readString(cert).strip()).append('\n');
    }
    Files.writeString(target, pem);
  }

  private static GeneralName ip(String address) {
    return new GeneralName(GeneralName.iPAddress, address);
  }

  private static GeneralName dns(String name) {
    return new GeneralName(GeneralName.dNSName, name);
  }

  /** A kubeconfig with everything inline, so the file can be copied and read anywhere. */
  String kubeconfig(String server, Pair user) {
    return String.join(
        "\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: c8s-real-node",
        "  cluster:",
        "    server: " + server,
        "    certificate-authority-data: " + base64(serving.cert()),
        "users:",
        "- name: user",
        "  user:",
        "    client-certificate-data: " + base64(user.cert()),
        "    client-key-data: " + base64(user.key()),
        "contexts:",
        "- name: c8s-real-node",
        "  context:",
        "    cluster: c8s-real-node",
        "    user: user",
        "current-context: c8s-real-node",
        "");
  }

  private static String base64(Path file) {
    try {
      return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
